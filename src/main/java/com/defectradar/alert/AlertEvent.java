package com.defectradar.alert;

import java.time.Instant;

/**
 * One pushed alert change: what happened, when (the change's own updatedAt, also the SSE event id), and the
 * alert as it is when pushed (a later change to it follows as its own event).
 */
public record AlertEvent(AlertChange change, Instant changedAt, AlertView alert) {
}
