package dev.consent4j.examples.quickstart.snippets;

// tag::spring-provision[]
import dev.consent4j.event.SubjectId;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.provision.ProvisionGate;
import java.util.List;
import org.springframework.stereotype.Service;

@Service
class AdAudienceUpload {
    private final ProvisionGate gate;
    private final AdNetwork adNetwork;   // your ad network's client
    AdAudienceUpload(ProvisionGate gate, AdNetwork adNetwork) { this.gate = gate; this.adNetwork = adNetwork; }

    void upload(List<SubjectId> customers) {
        ProvisionGate.Provision allowed = gate.provide(customers, "sky-ads", List.of("email"), Jurisdiction.JP,
                ProvisionGate.RecordMode.BULK);
        adNetwork.send(allowed.allowed()); // the ledger already holds the record
    }
}
// end::spring-provision[]
