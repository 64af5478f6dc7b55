package dev.consent4j.request;

import dev.consent4j.event.SubjectId;
import java.util.List;

/**
 * Erases what the shop itself holds about a person (profile, addresses, order notes past their
 * retention) when an erasure request is carried out. consent4j keeps its own records, which are
 * proof the law asks for, and says so in the request's answer.
 */
@FunctionalInterface
public interface ErasureHandler {

    /** Nothing held outside consent4j is erased; the answer says so. */
    ErasureHandler NONE = subject -> List.of();

    /** Erases, durably, and answers one line per kind of data erased, e.g. "delivery addresses (3)". */
    List<String> erase(SubjectId subject);
}
