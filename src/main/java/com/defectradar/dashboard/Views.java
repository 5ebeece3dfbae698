package com.defectradar.dashboard;

import java.util.List;

/** What the dashboard's templates show: plain, pre-formatted values, so templates only lay them out. */
final class Views {

    private Views() {
    }

    /** The open-alerts page. {@code demo} is null outside demo mode. */
    record AlertList(List<AlertRow> alerts, List<SeverityCount> bySeverity, String demo, String generatedAt) {
    }

    record SeverityCount(String severity, long count) {
    }

    record AlertRow(long id, String severity, String status, String title, String summary, int units, String ratio,
                    String atStake, String lastSeen, String updated) {
    }

    /** One alert with its evidence; charts are inline SVG made by {@link Charts}. */
    record AlertPage(long id, String severity, String status, String title, String summary, List<Fact> facts,
                     String statistics, String weeklyChart, String weeklyCaption, String temperatureChart,
                     String temperatureCaption, String productionChart, String productionCaption,
                     List<MemberRow> members, String membersCaption, List<HistoryRow> history, List<Action> actions,
                     String actionsNote) {
    }

    record Fact(String label, String value) {
    }

    record MemberRow(long id, String ticketId, String source, String unitId, String occurredAt, String temperature,
                     String firmware, String productionDate, String region, String serviceCenter, String mileage,
                     String description) {
    }

    record HistoryRow(String at, String status, String actor, String note) {
    }

    /** A transition button: the API path segment, its label, and whether it is the primary action. */
    record Action(String name, String label, boolean primary) {
    }
}
