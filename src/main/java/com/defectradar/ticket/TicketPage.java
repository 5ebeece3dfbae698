package com.defectradar.ticket;

import java.util.List;

public record TicketPage(List<TicketView> items, String nextCursor) {
}
