package dev.consent4j.policy;

import java.util.List;
import java.util.Objects;

/**
 * What Japanese law requires a shop to announce before joint use (共同利用) starts: the data
 * items, who the joint users are, their purposes, and the party responsible for the data.
 */
public record JointUse(List<String> dataItems, LocalizedText jointUsers, LocalizedText purposes, Party responsible) {

    public JointUse {
        dataItems = List.copyOf(dataItems);
        Objects.requireNonNull(jointUsers, "jointUsers");
        Objects.requireNonNull(purposes, "purposes");
        Objects.requireNonNull(responsible, "responsible");
    }
}
