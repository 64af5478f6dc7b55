package dev.consent4j;

import dev.consent4j.event.ConsentEvent;
import java.util.List;

/**
 * Told about consent events once the store has acknowledged them, for metrics or an audit feed.
 * {@link ConsentManager} calls every observer it was built with, on the thread that recorded,
 * after each append: the choices of one {@link ConsentManager#record record} call, a login link
 * and what it carried over, or a GPC opt-out. Keep it quick. A throw is caught and logged (at most
 * once a minute per observer): it never fails the recording, which is already durable.
 */
@FunctionalInterface
public interface ConsentObserver {

    /**
     * Events of one subject, as stored (sealed into the chain), in append order.
     *
     * @param events never empty
     */
    void recorded(List<ConsentEvent> events);
}
