package com.defectradar.digest;

/** Where one week's digest to one recipient list stands; V40__digest_delivery.sql explains each state. */
public enum DeliveryState {
    PENDING, SENDING, SENT, EMPTY, UNCERTAIN;

    /** Nothing more will happen to it on its own. UNCERTAIN is not final: it waits for an admin. */
    public boolean isFinal() {
        return this == SENT || this == EMPTY;
    }
}
