package dev.consent4j.examples.quickstart.snippets;

// tag::in-your-code[]
import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentManager;
import dev.consent4j.event.Action;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import java.nio.file.Path;
import java.util.List;
// end::in-your-code[]
import dev.consent4j.store.ConsentStore;

/** README, "In your code". */
class InYourCodeSnippet {

    List<SubjectId> run(ConsentStore store, List<SubjectId> customers) {
        // tag::in-your-code[]
        Policy policy = PolicyLoader.load(Path.of("consent-policy.yaml"));
        ConsentManager consents = ConsentManager.builder(policy, store).build();

        consents.record(ChoiceRequest.of(SubjectId.customer("c-1042"),
                Topic.contact("newsletter", "email"), Action.GRANT, Source.ACCOUNT_PAGE, Jurisdiction.JP));

        if (consents.mayContact(SubjectId.customer("c-1042"), "newsletter", "email")) { /* send */ }
        List<SubjectId> audience = consents.audience(customers, "newsletter", "email", Jurisdiction.JP);
        // end::in-your-code[]
        return audience;
    }
}
