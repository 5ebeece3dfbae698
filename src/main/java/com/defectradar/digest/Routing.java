package com.defectradar.digest;

import com.defectradar.common.Codes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which recipient list sees which alert. A component route claims its component's alerts; the default list
 * sees the alerts no route claims, or every alert when so configured. Components compare like all codes:
 * trimmed, case-insensitive.
 */
public final class Routing {

    private final RecipientList defaultList;
    private final List<RecipientList> routes;
    private final Set<String> routedComponents;
    private final DigestSettings.DefaultScope defaultScope;

    Routing(List<String> defaultAddresses, Map<String, List<String>> routes, DigestSettings.DefaultScope defaultScope) {
        this.defaultList = RecipientList.defaultList(clean(defaultAddresses));
        // Keys that differ only in case or spaces name one component: their addresses are merged.
        Map<String, List<String>> byKey = new TreeMap<>();
        routes.forEach((component, addresses) -> {
            String key = Codes.key(component.replace("\"", ""));
            if (key != null) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).addAll(clean(addresses));
            }
        });
        this.routes = byKey.entrySet().stream()
                .map(e -> RecipientList.route(e.getKey(), dedupe(e.getValue()))).toList();
        this.routedComponents = byKey.keySet();
        this.defaultScope = defaultScope;
    }

    static Routing of(DigestSettings settings) {
        return new Routing(settings.recipients().orElse(List.of()), settings.routes(), settings.defaultListGets());
    }

    /** Every list, the default first, whether or not it has addresses (a preview works without them). */
    public List<RecipientList> all() {
        List<RecipientList> all = new ArrayList<>();
        all.add(defaultList);
        all.addAll(routes);
        return all;
    }

    /** The lists that can be mailed: those with at least one address. */
    public List<RecipientList> deliverable() {
        return all().stream().filter(list -> !list.addresses().isEmpty()).toList();
    }

    /** By its name ("default", "component:battery") or, for a route, by its component ("battery"). */
    public Optional<RecipientList> find(String name) {
        String key = Codes.key(name);
        if (key == null) {
            return Optional.empty();
        }
        return all().stream().filter(list -> list.name().equals(key)).findFirst()
                .or(() -> routes.stream().filter(list -> list.componentKey().equals(key)).findFirst());
    }

    public boolean receives(RecipientList list, String alertComponent) {
        String component = Codes.key(alertComponent);
        if (!list.isDefault()) {
            return list.componentKey().equals(component);
        }
        return defaultScope == DigestSettings.DefaultScope.ALL || !routedComponents.contains(component);
    }

    public String names() {
        return all().stream().map(RecipientList::name).collect(Collectors.joining(", "));
    }

    private static List<String> clean(List<String> addresses) {
        return addresses.stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
    }

    private static List<String> dedupe(List<String> addresses) {
        return addresses.stream().distinct().toList();
    }
}
