package com.defectradar.alert;

import java.time.Instant;

/** A committed (or committing) alert change: the CDI event and the NOTIFY payload. */
public record AlertChanged(long alertId, AlertChange change, Instant updatedAt) {
}
