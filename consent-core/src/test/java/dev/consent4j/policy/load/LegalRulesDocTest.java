package dev.consent4j.policy.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table of legal rules in docs/policy-format.md is the registry, row for row. */
class LegalRulesDocTest {

    private static final Path DOC = Path.of("").toAbsolutePath().resolve("../docs/policy-format.md").normalize();

    @Test
    void theDocumentedTableListsEveryRuleWithItsLawAndSummaryInOrder() throws IOException {
        List<String> documented = tableRows();
        List<String> registered = Arrays.stream(LegalRule.values())
                .map(rule -> "| `" + rule.id() + "` | " + rule.law() + " | " + rule.summary() + " |").toList();
        assertThat(documented).as("rows of the 'Legal rules' table in " + DOC).containsExactlyElementsOf(registered);
    }

    @Test
    void ruleIdsAreUniqueKebabCase() {
        List<String> ids = Arrays.stream(LegalRule.values()).map(LegalRule::id).toList();
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        assertThat(ids).allMatch(id -> id.matches("[a-z0-9]+(-[a-z0-9]+)*"));
    }

    @Test
    void aBrokenRuleIsNamedAfterTheMessage() {
        PolicyCheckResult result = BadPolicyTest.check(BadPolicyTest.VALID.replace("basis: opt-in\n    channels",
                "basis: opt-out\n    channels"), "p.yaml");
        assertThat(result.errors()).anySatisfy(problem -> {
            assertThat(problem.rule()).isEqualTo("jp-email-opt-in");
            assertThat(problem.toString()).startsWith("p.yaml:").endsWith(" [jp-email-opt-in]");
        });
        PolicyCheckResult plain = BadPolicyTest.check(BadPolicyTest.VALID.replace("recipients: [courier]",
                "recipients: [curier]"), "p.yaml");
        assertThat(plain.errors()).singleElement().satisfies(problem -> {
            assertThat(problem.rule()).isNull();
            assertThat(problem.toString()).endsWith("did you mean 'courier'?");
        });
    }

    private static List<String> tableRows() throws IOException {
        List<String> rows = new ArrayList<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Legal rules");
            } else if (inSection && line.startsWith("| `")) {
                rows.add(line.strip());
            }
        }
        return rows;
    }
}
