package dev.consent4j.spring.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.spring.RequiresConsent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.HandlerMethod;

/** A topic misnamed in {@code @RequiresConsent} stops the application at start, saying what to write instead. */
class ConsentGuardCheckTest {

    static final Policy POLICY = PolicyLoader.loadResource("consent-policy.yaml", ConsentGuardCheckTest.class.getClassLoader());

    static final class Handlers {
        @RequiresConsent(purpose = "targeted-ads", category = "advertising")
        public void right() {
        }

        @RequiresConsent(purpose = "analytics")
        public void categoryAsPurpose() {
        }

        @RequiresConsent(category = "targeted-ads")
        public void purposeAsCategory() {
        }

        @RequiresConsent(purpose = "horoscope")
        public void unknown() {
        }
    }

    private static List<HandlerMethod> handler(String name) throws NoSuchMethodException {
        return List.of(new HandlerMethod(new Handlers(), Handlers.class.getMethod(name)));
    }

    @Test
    void namesTheRightAttribute() throws Exception {
        assertThatCode(() -> ConsentGuardInterceptor.check(POLICY, handler("right"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> ConsentGuardInterceptor.check(POLICY, handler("categoryAsPurpose")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Handlers.categoryAsPurpose").hasMessageContaining("write category = \"analytics\"");
        assertThatThrownBy(() -> ConsentGuardInterceptor.check(POLICY, handler("purposeAsCategory")))
                .hasMessageContaining("write purpose = \"targeted-ads\"");
        assertThatThrownBy(() -> ConsentGuardInterceptor.check(POLICY, handler("unknown")))
                .hasMessageContaining("'horoscope'").hasMessageContaining("does not declare");
    }
}
