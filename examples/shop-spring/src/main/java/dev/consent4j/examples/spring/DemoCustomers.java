package dev.consent4j.examples.spring;

import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentManager;
import dev.consent4j.event.Action;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.servlet.CustomerAgeResolver;
import dev.consent4j.state.AgeBand;
import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On the first start only, gives the demo customers the choices they made when they signed up,
 * so the operator page has something to show: hanako and c-1001 subscribed to the newsletter,
 * c-1002 allowed personalised ads. Yuki is 15, which {@link #ages} tells the filter.
 */
@Component
class DemoCustomers implements ApplicationRunner {

    private final ConsentManager consents;

    DemoCustomers(ConsentManager consents) {
        this.consents = consents;
    }

    @Override
    public void run(ApplicationArguments args) {
        SubjectId hanako = SubjectId.customer("hanako");
        if (!consents.history(hanako, dev.consent4j.state.Signals.of(Jurisdiction.JP)).events().isEmpty()) {
            return;
        }
        Evidence signUp = new Evidence(consents.policy().version(), "ja", "sign-up form", null);
        record(hanako, Map.of(Topic.contact("newsletter", "email"), Action.GRANT), signUp);
        record(SubjectId.customer("c-1001"), Map.of(Topic.contact("newsletter", "email"), Action.GRANT), signUp);
        // Personalised ads are carried out through the advertising category, so c-1002 agreed to both.
        record(SubjectId.customer("c-1002"), Map.of(Topic.purpose("targeted-ads"), Action.GRANT,
                Topic.category("advertising"), Action.GRANT), signUp);
    }

    /** The ages the shop knows from sign-up; with them the policy's minors rules apply per request. */
    @org.springframework.context.annotation.Bean
    static CustomerAgeResolver ages() {
        return (customer, request) -> customer.value().equals("yuki") ? AgeBand.between(15, 15) : null;
    }

    private void record(SubjectId customer, Map<Topic, Action> choices, Evidence evidence) {
        consents.record(ChoiceRequest.of(customer, choices, Source.ACCOUNT_PAGE, Jurisdiction.JP, evidence));
    }
}
