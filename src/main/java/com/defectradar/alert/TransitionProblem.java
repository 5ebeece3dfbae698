package com.defectradar.alert;

import java.util.List;

/**
 * The 409 for a transition that cannot happen: an RFC 9457 problem whose extension members say where the
 * alert stands now and what can be done from there, so a tool can act without parsing the detail text.
 */
public record TransitionProblem(String type, String title, int status, String detail, long alertId,
                                AlertStatus currentStatus, List<String> allowedTransitions) {

    private static final String TYPE_BASE = "https://defect-radar.dev/problems/";

    static TransitionProblem notAllowed(long alertId, AlertTransition wanted, AlertStatus current) {
        return of("transition-not-allowed", "Transition not allowed", alertId, current,
                "Alert " + alertId + " is " + current + "; " + wanted.verb() + " is not possible from there. "
                        + whatIsAllowed(current));
    }

    static TransitionProblem concurrentChange(long alertId, AlertTransition wanted, AlertStatus current) {
        return of("concurrent-change", "Changed concurrently", alertId, current,
                "Alert " + alertId + " was changed by someone else while this " + wanted.verb()
                        + " was applied; this request changed nothing. It is now " + current + ". "
                        + whatIsAllowed(current));
    }

    private static TransitionProblem of(String slug, String title, long alertId, AlertStatus current, String detail) {
        return new TransitionProblem(TYPE_BASE + slug, title, 409, detail, alertId, current,
                AlertTransition.allowedVerbsFrom(current));
    }

    private static String whatIsAllowed(AlertStatus current) {
        List<String> allowed = AlertTransition.allowedVerbsFrom(current);
        return allowed.isEmpty()
                ? "No transition is allowed from " + current + ": detection reopens it when its rules say so."
                : "Allowed from " + current + ": " + String.join(", ", allowed) + ".";
    }

    /** Ends the request with this problem; mapped by {@link TransitionProblemMapper}. */
    static final class Refused extends RuntimeException {
        private final transient TransitionProblem problem;

        Refused(TransitionProblem problem) {
            super(problem.detail(), null, false, false);
            this.problem = problem;
        }

        TransitionProblem problem() {
            return problem;
        }
    }
}
