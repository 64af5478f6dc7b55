package dev.consent4j.servlet;

import dev.consent4j.policy.Policy;
import dev.consent4j.servlet.ConsentFilter.CspMode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Keeps the hosts that CSP violation reports name but the policy does not declare: trackers the
 * shop embeds without having told its customers (Japan's external-transmission notice must list
 * them). Anyone can post reports, so everything is bounded: reports a second overall, reports a
 * minute per client network (IPv4 /24, IPv6 /48), networks tracked a minute, hosts taken from one
 * report, and hosts kept. When the list is full a new host replaces the least-reported one (the
 * longest unseen among equals), so a flood of made-up hosts from a few networks churns among
 * itself and cannot push out a host that browsers on many networks keep reporting.
 */
final class CspReports {

    /** Hosts taken from one report body; the rest of a longer list is ignored. */
    public static final int MAX_HOSTS_PER_REPORT = 20;
    /** Networks tracked within a minute; reports from further networks share one allowance. */
    public static final int MAX_NETWORKS = 4096;
    private static final String OTHER_NETWORKS = "*";

    private final Policy policy;
    private final Clock clock;
    private final int maxHosts;
    private final int maxReportsPerSecond;
    private final int maxReportsPerNetworkPerMinute;
    private final Map<String, Sighting> undeclared = new HashMap<>();
    private final Map<String, Integer> byNetwork = new HashMap<>();
    private long windowSecond;
    private int inWindow;
    private long networkMinute;

    /** How often a host was reported, and when last. */
    private static final class Sighting {
        long count;
        long lastSeen;
    }

    public CspReports(Policy policy, Clock clock, int maxHosts, int maxReportsPerSecond, int maxReportsPerNetworkPerMinute) {
        this.policy = policy;
        this.clock = clock;
        this.maxHosts = maxHosts;
        this.maxReportsPerSecond = maxReportsPerSecond;
        this.maxReportsPerNetworkPerMinute = maxReportsPerNetworkPerMinute;
    }

    /**
     * Takes a report body in either format (report-uri's {@code csp-report} or the Reporting API's
     * list).
     *
     * @param network the sender's truncated network ({@code 203.0.113.0/24}), or {@code null} when
     *                the address is not an IP literal; such senders share one allowance
     * @return whether the report was admitted (not over a rate limit)
     */
    public boolean accept(JsonNode body, @Nullable String network) {
        if (!admit(network == null ? OTHER_NETWORKS : network)) {
            return false;
        }
        if (body.isArray()) {
            int taken = 0;
            for (JsonNode report : body) {
                if (taken++ >= MAX_HOSTS_PER_REPORT) {
                    break;
                }
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
        return true;
    }

    /** Undeclared hosts and how often each was reported, for the operator. */
    public synchronized Map<String, Long> undeclaredHosts() {
        Map<String, Long> copy = new TreeMap<>();
        undeclared.forEach((host, sighting) -> copy.put(host, sighting.count));
        return copy;
    }

    /** How many networks the per-network limiter tracks now (at most {@link #MAX_NETWORKS} + 1). */
    public synchronized int trackedNetworks() {
        return byNetwork.size();
    }

    private synchronized boolean admit(String network) {
        long second = clock.instant().getEpochSecond();
        if (second != windowSecond) {
            windowSecond = second;
            inWindow = 0;
        }
        long minute = Math.floorDiv(second, 60);
        if (minute != networkMinute) {
            networkMinute = minute;
            byNetwork.clear();
        }
        if (inWindow >= maxReportsPerSecond) {
            return false;
        }
        String key = byNetwork.containsKey(network) || byNetwork.size() < MAX_NETWORKS ? network : OTHER_NETWORKS;
        int seen = byNetwork.getOrDefault(key, 0);
        if (seen >= maxReportsPerNetworkPerMinute) {
            return false;
        }
        byNetwork.put(key, seen + 1);
        inWindow++;
        return true;
    }

    private void record(@Nullable String blocked) {
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
        see(host);
    }

    private synchronized void see(String host) {
        Sighting sighting = undeclared.get(host);
        if (sighting == null) {
            if (undeclared.size() >= maxHosts) {
                evictLeastSeen();
            }
            sighting = new Sighting();
            undeclared.put(host, sighting);
        }
        sighting.count++;
        sighting.lastSeen = clock.millis();
    }

    private void evictLeastSeen() {
        Iterator<Map.Entry<String, Sighting>> entries = undeclared.entrySet().iterator();
        String victim = null;
        Sighting least = null;
        while (entries.hasNext()) {
            Map.Entry<String, Sighting> entry = entries.next();
            Sighting s = entry.getValue();
            if (least == null || s.count < least.count || s.count == least.count && s.lastSeen < least.lastSeen) {
                victim = entry.getKey();
                least = s;
            }
        }
        if (victim != null) {
            undeclared.remove(victim);
        }
    }

    private boolean declaredByRecipient(String host) {
        return policy.recipients().stream().flatMap(r -> r.hosts().stream())
                .anyMatch(pattern -> pattern.equals(host) || pattern.startsWith("*.") && host.endsWith(pattern.substring(1)));
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    /** {@code POST {base}/csp-report}: takes a browser's report, answering 204. */
    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Reports are collected only where the filter sends a CSP: otherwise no browser sends them
        // and anything posted here is noise someone made up.
        ConsentContext context = ConsentContext.find(request).orElse(null);
        if (context == null || context.cspMode() == CspMode.OFF) {
            throw new Problem(404, "Not found", "this shop sends no Content-Security-Policy, so it takes no reports");
        }
        String type = JsonIo.contentType(request) == null ? "" : JsonIo.contentType(request).toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/csp-report") && !type.startsWith("application/reports+json")
                && !type.startsWith("application/json")) {
            throw new Problem(415, "Unsupported media type", "send application/csp-report or application/reports+json");
        }
        byte[] body = JsonIo.readBody(request);
        JsonNode report;
        try {
            report = tools.jackson.databind.json.JsonMapper.shared().readTree(body);
        } catch (tools.jackson.core.JacksonException e) {
            throw Problem.badRequest("malformed report");
        }
        if (report != null) {
            // Limited per client network: IPv4 /24, IPv6 /48, never the full address.
            accept(report, dev.consent4j.event.Evidence.truncateIp(request.getRemoteAddr()));
        }
        response.setStatus(204);
    }
}
