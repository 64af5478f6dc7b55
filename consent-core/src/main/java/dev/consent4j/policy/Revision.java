package dev.consent4j.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One version of the policy and the topics it changed relative to the version before it.
 * Choices made under an earlier version stay valid for unchanged topics and become stale for
 * the changed ones.
 *
 * @param changed ids of the purposes and cookie categories whose terms changed in this version
 */
public record Revision(String version, LocalDate effectiveDate, List<String> changed) {

    public Revision {
        Objects.requireNonNull(version, "version");
        changed = List.copyOf(changed);
    }
}
