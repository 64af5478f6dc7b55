package dev.consent4j.servlet.endpoint;

import dev.consent4j.policy.Policy;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * Keeps the hosts that CSP violation reports name but the policy does not declare: trackers the
 * shop embeds without having told its customers (Japan's external-transmission notice must list
 * them). Bounded in memory and in rate, since anyone can post reports.
 */
public final class CspReports {

    private final Policy policy;
    private final Clock clock;
    private final int maxHosts;
    private final int maxReportsPerSecond;
    private final Map<String, AtomicLong> undeclared = new ConcurrentHashMap<>();
    private long windowSecond;
    private int inWindow;

    public CspReports(Policy policy, Clock clock, int maxHosts, int maxReportsPerSecond) {
        this.policy = policy;
        this.clock = clock;
        this.maxHosts = maxHosts;
        this.maxReportsPerSecond = maxReportsPerSecond;
    }

    /** Takes a report body in either format (report-uri's {@code csp-report} or the Reporting API's list). */
    public void accept(JsonNode body) {
        if (!admit()) {
            return;
        }
        if (body.isArray()) {
            for (JsonNode report : body) {
                JsonNode inner = report.get("body");
                if (inner != null && inner.isObject()) {
                    record(text(inner, "blockedURL"));
                }
            }
        } else if (body.isObject()) {
            JsonNode inner = body.get("csp-report");
            if (inner != null && inner.isObject()) {
                record(text(inner, "blocked-uri"));
            }
        }
    }

    /** Undeclared hosts and how often each was reported, for the operator. */
    public Map<String, Long> undeclaredHosts() {
        Map<String, Long> copy = new TreeMap<>();
        undeclared.forEach((host, count) -> copy.put(host, count.get()));
        return copy;
    }

    private synchronized boolean admit() {
        long second = clock.instant().getEpochSecond();
        if (second != windowSecond) {
            windowSecond = second;
            inWindow = 0;
        }
        return ++inWindow <= maxReportsPerSecond;
    }

    private void record(String blocked) {
        if (blocked == null) {
            return;
        }
        String host;
        try {
            URI uri = new URI(blocked.trim());
            host = uri.getHost();
        } catch (java.net.URISyntaxException e) {
            return;
        }
        // "inline", "eval", "data:" and the like name no host.
        if (host == null || host.length() > 253) {
            return;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (policy.trackerOfHost(host).isPresent() || declaredByRecipient(host)) {
            return;
        }
        AtomicLong count = undeclared.get(host);
        if (count == null && undeclared.size() >= maxHosts) {
            return;
        }
        undeclared.computeIfAbsent(host, h -> new AtomicLong()).incrementAndGet();
    }

    private boolean declaredByRecipient(String host) {
        return policy.recipients().stream().flatMap(r -> r.hosts().stream())
                .anyMatch(pattern -> pattern.equals(host) || pattern.startsWith("*.") && host.endsWith(pattern.substring(1)));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }
}
