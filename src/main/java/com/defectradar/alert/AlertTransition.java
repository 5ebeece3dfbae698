package com.defectradar.alert;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an engineer can do to an alert, and from where.
 *
 * <p>RESOLVED and DISMISSED are closed for people: nothing moves them by hand, detection reopens them when
 * the contract's rules say so (new failures after the resolution; the ticket count doubling since the
 * dismissal). Acknowledging or dismissing a resolved alert would rewrite what was decided about a fix;
 * resolving a dismissed one would claim a fix for what was judged no defect; a wrong closing is corrected by
 * the reopening rules, which keep the audit trail honest. A transition to the state an alert is already in is
 * refused too, so that two people acting at once learn that someone else already did it.
 */
public enum AlertTransition {
    ACKNOWLEDGE(AlertStatus.ACKNOWLEDGED, AlertChange.ACKNOWLEDGED, EnumSet.of(AlertStatus.OPEN)),
    RESOLVE(AlertStatus.RESOLVED, AlertChange.RESOLVED, EnumSet.of(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED)),
    DISMISS(AlertStatus.DISMISSED, AlertChange.DISMISSED, EnumSet.of(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED));

    private final AlertStatus target;
    private final AlertChange change;
    private final Set<AlertStatus> from;

    AlertTransition(AlertStatus target, AlertChange change, Set<AlertStatus> from) {
        this.target = target;
        this.change = change;
        this.from = from;
    }

    public AlertStatus target() {
        return target;
    }

    AlertChange change() {
        return change;
    }

    public boolean allowedFrom(AlertStatus status) {
        return from.contains(status);
    }

    /** The path segment and metric tag: acknowledge, resolve, dismiss. */
    public String verb() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> allowedVerbsFrom(AlertStatus status) {
        return Arrays.stream(values()).filter(t -> t.allowedFrom(status)).map(AlertTransition::verb).toList();
    }
}
