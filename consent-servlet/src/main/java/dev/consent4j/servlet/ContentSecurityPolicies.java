package dev.consent4j.servlet;

import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Tracker;
import dev.consent4j.servlet.ConsentFilter.CspMode;
import dev.consent4j.state.ConsentState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Builds the Content-Security-Policy for a consent state: the shop's base policy with the hosts of
 * the trackers in allowed categories added to the directives those trackers need. The header for
 * each combination of allowed categories is built once and reused.
 *
 * <p>A directive the base does not have is created from {@code default-src} (which it would
 * otherwise fall back to), so adding a host never narrows what the base allowed. When the base has
 * neither, the browser allows every host for that kind of request, and nothing is added.
 */
final class ContentSecurityPolicies {

    private final CspMode mode;
    private final Map<String, List<String>> base;
    private final List<CookieCategory> categories;
    private final List<Map<String, List<String>>> hostsPerCategory;
    private final @Nullable String reportPath;
    private final Map<Long, String> headers = new ConcurrentHashMap<>();

    /**
     * @param basePolicy the shop's own policy, e.g. {@code default-src 'self'; img-src 'self' data:}
     * @param reportPath where browsers send violation reports, or {@code null} for none
     * @throws IllegalArgumentException in {@link CspMode#ENFORCE} when the base contains
     *         {@code 'strict-dynamic'}, which lets loaded scripts add any host and so defeats blocking
     */
    public ContentSecurityPolicies(Policy policy, CspMode mode, @Nullable String basePolicy,
            @Nullable String reportPath) {
        this.mode = mode;
        this.base = parse(basePolicy == null ? "" : basePolicy);
        if (mode == CspMode.ENFORCE) {
            for (String directive : List.of("script-src", "script-src-elem", "default-src")) {
                if (base.getOrDefault(directive, List.of()).contains("'strict-dynamic'")) {
                    throw new IllegalArgumentException("the base Content-Security-Policy has 'strict-dynamic' in "
                            + directive + ", which allows scripts loaded by an allowed script from any host and so"
                            + " defeats blocking trackers by host; remove it, or use CSP mode REPORT_ONLY");
                }
            }
        }
        this.categories = policy.cookieCategories();
        if (categories.size() > Long.SIZE) {
            throw new IllegalArgumentException("at most " + Long.SIZE + " cookie categories are supported");
        }
        this.hostsPerCategory = new ArrayList<>(categories.size());
        for (CookieCategory category : categories) {
            Map<String, List<String>> hosts = new LinkedHashMap<>();
            for (Tracker tracker : policy.trackersIn(category.id())) {
                for (Tracker.ResourceKind kind : tracker.resourceKinds()) {
                    hosts.computeIfAbsent(kind.directive(), d -> new ArrayList<>()).addAll(tracker.hosts());
                }
            }
            hostsPerCategory.add(hosts);
        }
        this.reportPath = reportPath;
    }

    public CspMode mode() {
        return mode;
    }

    /** The header to send, by mode; {@code null} when off. */
    public @Nullable String headerName() {
        return switch (mode) {
            case OFF -> null;
            case REPORT_ONLY -> "Content-Security-Policy-Report-Only";
            case ENFORCE -> "Content-Security-Policy";
        };
    }

    /** The header value for what {@code state} allows. */
    public String headerValue(ConsentState state) {
        long allowed = 0;
        for (int i = 0; i < categories.size(); i++) {
            if (state.categoryAllowed(categories.get(i).id())) {
                allowed |= 1L << i;
            }
        }
        return headers.computeIfAbsent(allowed, this::build);
    }

    /** The value of the {@code Reporting-Endpoints} header that names the report group, or {@code null}. */
    public @Nullable String reportingEndpoints() {
        return reportPath == null ? null : "consent4j=\"" + reportPath + "\"";
    }

    private String build(long allowed) {
        Map<String, List<String>> directives = new LinkedHashMap<>();
        base.forEach((name, sources) -> directives.put(name, new ArrayList<>(sources)));
        for (int i = 0; i < categories.size(); i++) {
            if ((allowed & 1L << i) == 0) {
                continue;
            }
            for (Map.Entry<String, List<String>> entry : hostsPerCategory.get(i).entrySet()) {
                List<String> sources = directives.get(entry.getKey());
                if (sources == null) {
                    List<String> fallback = directives.get("default-src");
                    if (fallback == null) {
                        continue;
                    }
                    sources = new ArrayList<>(fallback);
                    directives.put(entry.getKey(), sources);
                }
                if (sources.size() == 1 && sources.get(0).equals("'none'")) {
                    sources.clear();
                }
                for (String host : entry.getValue()) {
                    if (!sources.contains(host)) {
                        sources.add(host);
                    }
                }
            }
        }
        if (reportPath != null) {
            directives.put("report-uri", List.of(reportPath));
            directives.put("report-to", List.of("consent4j"));
        }
        StringBuilder header = new StringBuilder();
        for (Map.Entry<String, List<String>> directive : directives.entrySet()) {
            if (header.length() > 0) {
                header.append("; ");
            }
            header.append(directive.getKey());
            for (String source : directive.getValue()) {
                header.append(' ').append(source);
            }
        }
        return header.toString();
    }

    private static Map<String, List<String>> parse(String policy) {
        Map<String, List<String>> directives = new LinkedHashMap<>();
        for (String part : policy.split(";")) {
            String[] tokens = part.trim().split("\\s+");
            if (tokens.length == 0 || tokens[0].isEmpty()) {
                continue;
            }
            String name = tokens[0].toLowerCase(Locale.ROOT);
            if (name.equals("report-uri") || name.equals("report-to")) {
                continue; // the filter sets its own
            }
            Set<String> sources = new LinkedHashSet<>();
            for (int i = 1; i < tokens.length; i++) {
                sources.add(tokens[i]);
            }
            // The first occurrence of a directive wins (CSP ignores later duplicates).
            directives.putIfAbsent(name, new ArrayList<>(sources));
        }
        return directives;
    }
}
