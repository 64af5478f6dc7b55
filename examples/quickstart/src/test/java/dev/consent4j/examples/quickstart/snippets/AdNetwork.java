package dev.consent4j.examples.quickstart.snippets;

import dev.consent4j.event.SubjectId;
import java.util.List;

/** The shop's own client of an ad network, which the snippets send audiences to. */
interface AdNetwork {

    void send(List<SubjectId> audience);
}
