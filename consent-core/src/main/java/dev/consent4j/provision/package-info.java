/**
 * Provision of personal data to third parties and its ledger: the
 * {@link dev.consent4j.provision.ProvisionGate} decides, from the person's consent state and the
 * policy, whether data may go to a recipient; {@link dev.consent4j.provision.ProvisionStore}
 * keeps the records APPI asks a shop to keep of what it gave (art. 29) and received (art. 30).
 */
@NullMarked
package dev.consent4j.provision;

import org.jspecify.annotations.NullMarked;
