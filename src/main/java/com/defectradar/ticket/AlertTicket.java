package com.defectradar.ticket;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;

/**
 * The link from an alert to a member ticket, mapped here so ticket queries can follow it; alerts write it.
 */
@Entity
@Table(name = "alert_ticket")
@IdClass(AlertTicket.Key.class)
public class AlertTicket {

    @Id
    public long alertId;
    @Id
    public long ticketId;

    public record Key(long alertId, long ticketId) implements Serializable {
    }
}
