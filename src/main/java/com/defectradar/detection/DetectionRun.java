package com.defectradar.detection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One detection run: what it looked at and what it changed, so every alert can name the run behind it. */
@Entity
@Table(name = "detection_run")
public class DetectionRun extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Instant asOf;
    public Instant startedAt;
    public Instant finishedAt;
    public int ticketsConsidered;
    public int candidateClusters;
    public int alertsOpened;
    public int alertsUpdated;
    public int alertsReopened;
    public String trigger;
    public long maxTicketId;

    static DetectionRun latest() {
        return DetectionRun.<DetectionRun>find("finishedAt is not null order by id desc").firstResult();
    }

    /** The last scheduled run: a requested one may have looked at another time (a backtest), not at now. */
    static DetectionRun latestScheduled() {
        return DetectionRun.<DetectionRun>find("finishedAt is not null and trigger = ?1 order by id desc",
                DetectionService.SCHEDULED).firstResult();
    }
}
