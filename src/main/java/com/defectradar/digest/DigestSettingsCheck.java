package com.defectradar.digest;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Refuses to start with a digest configuration that would fail or mislead later, and says what is set up. */
@ApplicationScoped
public class DigestSettingsCheck {

    // deliberately loose: the SMTP server is the judge of addresses; this catches typos such as a missing @
    private static final Pattern ADDRESS = Pattern.compile("([^<>@\\s]+@[^<>@\\s]+|.*<[^<>@\\s]+@[^<>@\\s]+>)");

    void check(@Observes StartupEvent event, DigestSettings settings, DigestService digests) {
        List<String> problems = problems(settings, digests.routing());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid weekly digest configuration: " + String.join("; ", problems));
        }
        List<RecipientList> lists = digests.routing().deliverable();
        if (lists.isEmpty()) {
            Log.info("Weekly digest: no recipients configured (radar.digest.recipients, radar.digest.routes); "
                    + "nothing will be mailed");
            return;
        }
        Log.infof("Weekly digest: %s %02d:00 %s, to %s", settings.day(), settings.hour(), settings.zone(),
                lists.stream().map(l -> l.name() + " (" + l.addresses().size() + ")")
                        .collect(Collectors.joining(", ")));
    }

    static List<String> problems(DigestSettings settings, Routing routing) {
        List<String> problems = new ArrayList<>();
        if (settings.hour() < 0 || settings.hour() > 23) {
            problems.add("radar.digest.hour must be 0 to 23, not " + settings.hour());
        }
        if (settings.unacknowledgedDays() < 1) {
            problems.add("radar.digest.unacknowledged-days must be at least 1");
        }
        if (!(settings.escalationGrowth() > 0)) {
            problems.add("radar.digest.escalation-growth must be above 0 (0.5 = up by half)");
        }
        if (!settings.baseUrl().matches("https?://\\S+")) {
            problems.add("radar.digest.base-url must be an http(s) URL, not '" + settings.baseUrl() + "'");
        }
        if (!settings.alertPath().contains("{id}")) {
            problems.add("radar.digest.alert-path must contain {id}, not '" + settings.alertPath() + "'");
        }
        if (settings.retry().initialBackoff().isNegative() || settings.retry().initialBackoff().isZero()
                || settings.retry().maxBackoff().compareTo(settings.retry().initialBackoff()) < 0) {
            problems.add("radar.digest.retry: initial-backoff must be positive and at most max-backoff");
        }
        for (RecipientList list : routing.all()) {
            for (String address : list.addresses()) {
                if (!ADDRESS.matcher(address).matches()) {
                    problems.add("'" + address + "' in recipient list " + list.name() + " is not an e-mail address");
                }
            }
        }
        return problems;
    }
}
