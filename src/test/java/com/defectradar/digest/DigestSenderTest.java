package com.defectradar.digest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DigestSenderTest {

    @Test
    void backoffDoublesUpToTheMaximum() {
        Duration initial = Duration.ofMinutes(1);
        Duration max = Duration.ofHours(1);
        assertEquals(Duration.ofMinutes(1), DigestSender.backoff(1, initial, max));
        assertEquals(Duration.ofMinutes(2), DigestSender.backoff(2, initial, max));
        assertEquals(Duration.ofMinutes(32), DigestSender.backoff(6, initial, max));
        assertEquals(Duration.ofHours(1), DigestSender.backoff(7, initial, max));
        assertEquals(Duration.ofHours(1), DigestSender.backoff(500, initial, max));
    }

    @Test
    void theMessageIdIsAValidIdThatNamesTheDelivery() {
        assertEquals("<digest.2021-01-11.component-battery.42@defect-radar>",
                DigestSender.messageId(42, LocalDate.parse("2021-01-11"), "component:battery"));
    }
}
