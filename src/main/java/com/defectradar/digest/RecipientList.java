package com.defectradar.digest;

import java.util.List;

/**
 * Who gets one e-mail: the default list, or the list of one component route. {@code name} is the list's
 * identity in the delivery record ("default" or "component:battery"): one digest per week and name.
 */
public record RecipientList(String name, String componentKey, List<String> addresses) {

    public static final String DEFAULT = "default";
    static final String COMPONENT_PREFIX = "component:";

    static RecipientList defaultList(List<String> addresses) {
        return new RecipientList(DEFAULT, null, List.copyOf(addresses));
    }

    static RecipientList route(String componentKey, List<String> addresses) {
        return new RecipientList(COMPONENT_PREFIX + componentKey, componentKey, List.copyOf(addresses));
    }

    public boolean isDefault() {
        return componentKey == null;
    }

    /** For people: "default list" or "battery". */
    public String label() {
        return isDefault() ? "default list" : componentKey;
    }
}
