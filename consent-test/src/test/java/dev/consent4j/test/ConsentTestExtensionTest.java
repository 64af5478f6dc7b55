package dev.consent4j.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.event.Action;
import dev.consent4j.event.Topic;
import dev.consent4j.state.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The extension with the kit from src/test/resources/consent-test.properties. */
@ExtendWith(ConsentTestExtension.class)
class ConsentTestExtensionTest {

    @Test
    void injectsTheKitLoadedFromTheConfiguration(ConsentTestKit kit) {
        assertThat(kit.policy().id()).isEqualTo("servlet-test-shop");
        assertThat(kit.firstVisit(dev.consent4j.policy.Jurisdiction.JP).headers()).containsEntry("X-Country", "JP");
    }

    @Test
    void injectsVisitorsWhoseStateIsTheFoldOfTheirSignedCookie(@Shopper(value = Shopper.Kind.REJECT_ALL, in = "EU") Visitor rejecting,
            @Shopper(value = Shopper.Kind.ACCEPT_ALL, in = "JP") Visitor accepting,
            @Shopper(value = Shopper.Kind.FIRST_VISIT, in = "EU") Visitor first) {
        assertThat(rejecting.cookie()).get().satisfies(c -> assertThat(c.asChoices())
                .anyMatch(choice -> choice.topic().equals(Topic.category("advertising")) && choice.action() == Action.DENY));
        assertThat(rejecting.headers().get("Cookie")).startsWith("consent=2.k2.");
        assertThat(rejecting.state().category("advertising").reason()).isEqualTo(Reason.DENIED);
        assertThat(accepting.state().category("advertising").reason()).isEqualTo(Reason.GRANTED);
        assertThat(accepting.state().allows("targeted-ads")).isTrue();
        assertThat(first.state().category("analytics").reason()).isEqualTo(Reason.NO_CONSENT);
        assertThat(first.headers()).doesNotContainKey("Cookie");
    }
}
