package dev.consent4j.benchmarks;

import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** What the benchmarks measure against: the example shop's policy, a real ten-category-sized one. */
final class Fixtures {

    static final String POLICY_RESOURCE = "consent-policy.yaml";

    private Fixtures() {
    }

    static Policy examplePolicy() {
        return PolicyLoader.loadResource(POLICY_RESOURCE, Fixtures.class.getClassLoader());
    }

    static byte[] examplePolicyBytes() {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(POLICY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(POLICY_RESOURCE + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
