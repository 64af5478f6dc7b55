/**
 * consent4j's entry point for a shop's own code: {@link dev.consent4j.ConsentManager} records
 * choices ({@link dev.consent4j.ChoiceRequest}) and answers "may I?" for one person or a campaign
 * audience. Everything else is one hop away:
 *
 * <ul>
 *   <li><b>policy</b>: what the shop declares, loaded by {@link dev.consent4j.policy.load.PolicyLoader}
 *       into a {@link dev.consent4j.policy.Policy} ({@code dev.consent4j.policy});</li>
 *   <li><b>choice</b>: the stored evidence, {@link dev.consent4j.event.ConsentEvent} and its
 *       {@link dev.consent4j.event.Topic}, {@link dev.consent4j.event.Action} and
 *       {@link dev.consent4j.event.Evidence} ({@code dev.consent4j.event});</li>
 *   <li><b>decision</b>: {@link dev.consent4j.state.ConsentState}, one
 *       {@link dev.consent4j.state.Decision} per topic with its {@link dev.consent4j.state.Reason}
 *       ({@code dev.consent4j.state});</li>
 *   <li><b>store</b>: {@link dev.consent4j.store.ConsentStore} and its JDBC, in-memory and caching
 *       implementations ({@code dev.consent4j.store});</li>
 *   <li><b>cookie</b>: the signed {@link dev.consent4j.cookie.ConsentCookie} of a visitor, under
 *       {@link dev.consent4j.signing.SigningKeys};</li>
 *   <li><b>provision</b>: {@link dev.consent4j.provision.ProvisionGate}, whether personal data may go
 *       to a third party, with its records;</li>
 *   <li><b>request</b>: {@link dev.consent4j.request.PersonalRequests}, a person's disclosure,
 *       correction, stop-use and erasure requests;</li>
 *   <li>unsubscribe and guardian links, and the outbox that tells recipients about changed
 *       decisions ({@code dev.consent4j.unsubscribe}, {@code dev.consent4j.guardian},
 *       {@code dev.consent4j.outbox}).</li>
 * </ul>
 *
 * <p>{@code dev.consent4j.internal} is not API: it holds what consent4j's own modules share.
 */
@NullMarked
package dev.consent4j;

import org.jspecify.annotations.NullMarked;
