package com.defectradar.digest;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoutingTest {

    private static final Map<String, List<String>> ROUTES = Map.of(
            "\"Battery\"", List.of("battery-team@example.com", " bms-lead@example.com "),
            "battery ", List.of("battery-team@example.com"),
            "inverter", List.of("power-electronics@example.com"));

    @Test
    void aRouteGetsOnlyItsComponentAndTheDefaultListTheRest() {
        Routing routing = new Routing(List.of("managers@example.com"), ROUTES, DigestSettings.DefaultScope.UNROUTED);
        RecipientList battery = routing.find("battery").orElseThrow();
        RecipientList defaults = routing.find("default").orElseThrow();

        assertEquals("component:battery", battery.name());
        assertEquals(List.of("battery-team@example.com", "bms-lead@example.com"), battery.addresses());
        assertTrue(routing.receives(battery, " BATTERY"));
        assertFalse(routing.receives(battery, "inverter"));
        assertFalse(routing.receives(battery, "brakes"));
        assertFalse(routing.receives(defaults, "Battery"));
        assertFalse(routing.receives(defaults, "inverter"));
        assertTrue(routing.receives(defaults, "brakes"));
        assertEquals(List.of("default", "component:battery", "component:inverter"),
                routing.deliverable().stream().map(RecipientList::name).toList());
    }

    @Test
    void theDefaultListCanBeToldToSeeEverything() {
        Routing routing = new Routing(List.of("managers@example.com"), ROUTES, DigestSettings.DefaultScope.ALL);
        RecipientList defaults = routing.find("default").orElseThrow();
        assertTrue(routing.receives(defaults, "battery"));
        assertTrue(routing.receives(defaults, "brakes"));
        assertFalse(routing.receives(routing.find("component:inverter").orElseThrow(), "battery"));
    }

    @Test
    void aDefaultListWithoutAddressesIsPreviewableButNotMailed() {
        Routing routing = new Routing(List.of(), ROUTES, DigestSettings.DefaultScope.UNROUTED);
        assertTrue(routing.find("default").isPresent());
        assertEquals(List.of("component:battery", "component:inverter"),
                routing.deliverable().stream().map(RecipientList::name).toList());
        assertTrue(routing.find("nonexistent").isEmpty());
    }
}
