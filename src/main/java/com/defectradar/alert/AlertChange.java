package com.defectradar.alert;

/** What happened to an alert: pushed on the stream and counted in the transition metrics. */
public enum AlertChange {
    /** Detection raised a new alert. */
    OPENED,
    /** Detection added evidence (tickets, statistics) without changing the status. */
    UPDATED,
    /** Detection reopened a resolved or dismissed alert; its history says why. */
    REOPENED,
    ACKNOWLEDGED,
    RESOLVED,
    DISMISSED
}
