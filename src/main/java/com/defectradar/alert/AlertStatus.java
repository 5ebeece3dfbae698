package com.defectradar.alert;

public enum AlertStatus {
    OPEN, ACKNOWLEDGED, RESOLVED, DISMISSED
}
