package com.defectradar.importer;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows how far an import is. On a terminal, one bar redrawn in place at most five times a second; otherwise
 * (a log file, CI) one line per chunk, so logs stay readable. Percentages are by bytes of the CSV, which needs
 * no counting pass over a large file.
 */
final class Progress {

    private static final int WIDTH = 30;

    /** bar: redrawn in place (terminals); lines: a line per chunk (logs); none: silent. */
    enum Mode { BAR, LINES, NONE }

    private final PrintStream out;
    private final Mode mode;
    private final long totalBytes;
    private final long startNanos = System.nanoTime();
    private final long rowsAtStart;
    private long lastDraw;

    Progress(PrintStream out, Mode mode, long totalBytes, long rowsAtStart) {
        this.out = out;
        this.mode = mode;
        this.totalBytes = totalBytes;
        this.rowsAtStart = rowsAtStart;
    }

    void update(Checkpoint.Counts counts, long bytesRead, boolean chunkDone) {
        long now = System.nanoTime();
        if (mode == Mode.BAR) {
            if (now - lastDraw < 200_000_000L && !chunkDone) {
                return;
            }
            lastDraw = now;
            double share = share(bytesRead);
            int filled = (int) Math.round(share * WIDTH);
            out.print("\r[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + line(counts, share, now) + "\u001b[K");
            out.flush();
        } else if (mode == Mode.LINES && chunkDone) {
            out.println(line(counts, share(bytesRead), now));
        }
    }

    void finish() {
        if (mode == Mode.BAR) {
            out.println();
        }
    }

    private double share(long bytesRead) {
        return totalBytes <= 0 ? 1 : Math.min(1, (double) bytesRead / totalBytes);
    }

    private String line(Checkpoint.Counts c, double share, long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double rate = (c.rows() - rowsAtStart) / seconds;
        String eta = share > 0.01 && share < 1 ? " · ETA " + Math.round(seconds * (1 - share) / share) + " s" : "";
        return String.format(Locale.ROOT, "%3d%% · %,d rows · %,d created · %,d duplicates · %,d rejected · %,.0f rows/s%s",
                Math.round(share * 100), c.rows(), c.created(), c.duplicates(), c.rejected(), rate, eta);
    }
}
