package com.defectradar.alert;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * A page of the alert list. {@code snapshotAt} is the same on every page of one traversal: the newest change
 * the traversal is built on. Poll {@code updatedSince=snapshotAt} afterwards to get every alert changed since,
 * including those that changed while the pages were read.
 */
public record AlertPage(
        List<AlertView> items,
        @Schema(description = "Cursor of the next page; null on the last page") String nextCursor,
        @Schema(description = "The newest change this traversal is built on (the same on every page). Alerts that "
                + "change while you page move to the front and are left out of the remaining pages; "
                + "`updatedSince=<snapshotAt>` returns them, and every other change after this instant. "
                + "Null when nothing matched: keep the updatedSince you sent.") Instant snapshotAt) {
}
