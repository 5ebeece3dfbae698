package com.defectradar.dashboard;

import com.defectradar.alert.AlertView;
import com.defectradar.alert.Severity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;

/**
 * The order of the open-alerts list: severity first (it already weighs excess, size and cost), then the money
 * at stake, then the units affected, then the most recently changed — what an engineer should look at first.
 */
final class AlertRanking {

    /** What the ranking looks at, so it is tested without building whole alerts. */
    record Key(Severity severity, BigDecimal atStake, int units, Instant updatedAt) {

        static Key of(AlertView alert) {
            return new Key(alert.severity(), alert.exposure() == null ? null : alert.exposure().estimatedRecallCost(),
                    alert.unitCount(), alert.updatedAt());
        }
    }

    static final Comparator<Key> ORDER = Comparator
            .comparing((Key k) -> k.severity().ordinal())
            .thenComparing(Key::atStake, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Key::units, Comparator.reverseOrder())
            .thenComparing(Key::updatedAt, Comparator.nullsLast(Comparator.reverseOrder()));

    static final Comparator<AlertView> ALERTS = Comparator.comparing(Key::of, ORDER);

    private AlertRanking() {
    }
}
