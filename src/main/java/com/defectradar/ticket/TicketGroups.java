package com.defectradar.ticket;

import com.defectradar.web.ProblemMappers;
import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Stores single tickets in groups: tickets that arrive while the writers are busy wait and then go in together,
 * one INSERT and one commit for all of them. A commit costs PostgreSQL more than a row, so under load this is
 * what keeps single-ticket ingest near the database's own rate; with nothing queued a ticket goes in alone at
 * once (no timer to wait for). Each ticket is answered only after its group is committed.
 */
@ApplicationScoped
public class TicketGroups {

    private static final long STOP_WAIT_SECONDS = 5;
    private static final long IDLE_CHECK_MILLIS = 100;

    private final TicketWriter writer;
    private final int maxGroup;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    public TicketGroups(TicketWriter writer, TicketSettings settings) {
        this.writer = writer;
        this.maxGroup = settings.maxGroup();
        for (int i = 0; i < settings.writers(); i++) {
            writers.add(Thread.ofPlatform().daemon().name("ticket-writer-" + i).start(this::writeGroups));
        }
    }

    /**
     * A ticket waiting for its group, and the Vert.x context of the request that sent it: the answer is completed
     * there, so building and writing the response never holds up the writer's next group.
     */
    private record Pending(TicketInput ticket, CompletableFuture<TicketService.SingleResult> answer,
                           Context context) {

        void succeed(TicketService.SingleResult result) {
            run(() -> answer.complete(result));
        }

        void fail(Throwable failure) {
            run(() -> answer.completeExceptionally(failure));
        }

        private void run(Runnable completion) {
            if (context == null) {
                completion.run();
            } else {
                context.runOnContext(ignored -> completion.run());
            }
        }
    }

    /** Completes with the ticket's outcome once it is committed, or with the failure that kept it out. */
    public CompletionStage<TicketService.SingleResult> store(TicketInput ticket) {
        CompletableFuture<TicketService.SingleResult> answer = new CompletableFuture<>();
        if (!running) {
            answer.completeExceptionally(shuttingDown());
            return answer;
        }
        queue.add(new Pending(ticket, answer, Vertx.currentContext()));
        return answer;
    }

    /** Until stopped and nothing is left: a writer never gives up a ticket it could still store. */
    private void writeGroups() {
        List<Pending> group = new ArrayList<>(maxGroup);
        try {
            while (true) {
                Pending first = queue.poll(IDLE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (!running) {
                        return;
                    }
                    continue;
                }
                group.add(first);
                queue.drainTo(group, maxGroup - 1);
                try {
                    write(group);
                } catch (Error e) {
                    // the writer must outlive this group, or every later ticket would wait forever
                    Log.error("Storing a group of single tickets failed", e);
                    group.forEach(pending -> pending.fail(e));
                }
                group.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(List<Pending> group) {
        try {
            List<TicketService.SingleResult> results = writer.storeGroup(group.stream().map(Pending::ticket).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).succeed(results.get(i));
            }
        } catch (RuntimeException e) {
            if (group.size() == 1 || ProblemMappers.isDatabaseUnavailable(e)) {
                group.forEach(pending -> pending.fail(e));
                return;
            }
            // one ticket the database refuses must not cost the others theirs: each goes again on its own
            group.forEach(pending -> write(List.of(pending)));
        }
    }

    /**
     * Graceful shutdown has let requests in flight finish by now, so the queue is normally empty; the writers get
     * a few seconds to store what is left, and a ticket still waiting after that is answered 503 (never stored,
     * never acknowledged, safe to send again).
     */
    @PreDestroy
    void stop() {
        running = false;
        for (Thread thread : writers) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            Log.warnf("Shutting down with %d single tickets not stored; they are answered 503", left.size());
        }
        left.forEach(pending -> pending.fail(shuttingDown()));
    }

    /** Answered like a database outage (503, Retry-After): the ticket was not stored and may be sent again. */
    private static SQLTransientConnectionException shuttingDown() {
        return new SQLTransientConnectionException("The service is shutting down; the ticket was not stored");
    }
}
