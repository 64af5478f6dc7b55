package dev.consent4j.agreement;

import dev.consent4j.testing.TestDatabases;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import net.jqwik.api.lifecycle.SkipExecutionHook.SkipResult;

/**
 * Skips a jqwik container when its database's URL is not set, with the same one line
 * {@link TestDatabases} gives JUnit tests, unless {@code CONSENT4J_TEST_REQUIRE_DATABASES=true}
 * (CI), where the properties run and fail on the missing URL. (An aborted try only counts as a
 * rejected sample in jqwik, so the check has to come before the container runs.) PostgreSQL needs
 * no hook: without its URL the tests use an embedded server.
 */
final class DatabaseHooks {

    private DatabaseHooks() {
    }

    private static SkipResult skipWithout(String variable) {
        String url = System.getenv(variable);
        if ((url == null || url.isBlank()) && !Boolean.parseBoolean(System.getenv("CONSENT4J_TEST_REQUIRE_DATABASES"))) {
            return SkipResult.skip(variable + " is not set; see DEVELOPERS.md");
        }
        return SkipResult.doNotSkip();
    }

    /** For properties on MariaDB. */
    static final class MariaDb implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return skipWithout(TestDatabases.MARIADB);
        }
    }
}
