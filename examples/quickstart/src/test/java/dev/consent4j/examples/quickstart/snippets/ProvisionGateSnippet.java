package dev.consent4j.examples.quickstart.snippets;

// tag::provision-gate[]
import dev.consent4j.ConsentManager;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.provision.ProvisionGate;
import dev.consent4j.request.PersonalRequests;
import dev.consent4j.request.RequestKind;
import dev.consent4j.request.Verification;
import java.util.List;
// end::provision-gate[]
import dev.consent4j.event.SubjectId;
import dev.consent4j.store.jdbc.JdbcLedgerStore;

/** README, "In your code": the provision gate and personal requests. */
class ProvisionGateSnippet {

    void run(ConsentManager consents, JdbcLedgerStore ledger, List<SubjectId> customers, SubjectId customer,
            AdNetwork adNetwork) {
        // tag::provision-gate[]
        ProvisionGate gate = ProvisionGate.builder(consents, ledger).build();
        ProvisionGate.Provision upload = gate.provide(customers, "sky-ads", List.of("email"), Jurisdiction.JP,
                ProvisionGate.RecordMode.BULK);
        adNetwork.send(upload.allowed());          // upload.refused() says why the others were left out

        PersonalRequests requests = PersonalRequests.builder(consents, ledger).provisions(ledger).build();
        requests.file(customer, RequestKind.STOP_PROVISION, List.of(), null, Jurisdiction.JP, Verification.LOGGED_IN);
        // end::provision-gate[]
    }
}
