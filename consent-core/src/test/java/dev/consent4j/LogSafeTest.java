package dev.consent4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import org.junit.jupiter.api.Test;

/** Messages that repeat a caller's value cannot forge log lines or drive a terminal. */
class LogSafeTest {

    private static final String FORGED = "c-1\r\n2026-11-30 INFO forged line\u001b[31m\u0000\u0085\u2028\t\u007f";

    private static void assertPrintable(String message) {
        assertThat(message).doesNotContain("\r", "\n", "\u001b", "\u0000", "\u0085", "\u2028", "\t", "\u007f");
        assertThat(message.chars().filter(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)).isEmpty();
    }

    @Test
    void controlCharactersAreWrittenAsEscapes() {
        String quoted = LogSafe.quote(FORGED);

        assertPrintable(quoted);
        assertThat(quoted).startsWith("'c-1\\u000d\\u000a2026-11-30 INFO forged line\\u001b[31m").endsWith("'");
        assertThat(LogSafe.quote(null)).isEqualTo("null");
    }

    @Test
    void longValuesAreCut() {
        String text = LogSafe.text("x".repeat(10_000));

        assertThat(text).hasSizeLessThan(LogSafe.MAX_LENGTH + 20).startsWith("x".repeat(LogSafe.MAX_LENGTH))
                .endsWith("…(10000 chars)");
        // A surrogate pair is never split at the cut.
        assertThat(LogSafe.text("x".repeat(LogSafe.MAX_LENGTH - 2) + "😀")).isEqualTo("x".repeat(LogSafe.MAX_LENGTH - 2) + "😀");
        assertThat(LogSafe.text("x".repeat(LogSafe.MAX_LENGTH - 1) + "😀")).isEqualTo("x".repeat(LogSafe.MAX_LENGTH - 1) + "…(81 chars)");
    }

    @Test
    void exceptionMessagesBuiltFromRequestValuesHoldNoControlCharacters() {
        assertThatThrownBy(() -> SubjectId.customer(FORGED)).satisfies(e -> assertPrintable(e.getMessage()))
                .hasMessageContaining("c-1\\u000d\\u000a");
        assertThatThrownBy(() -> SubjectId.visitor(FORGED)).satisfies(e -> assertPrintable(e.getMessage()));
        assertThatThrownBy(() -> SubjectId.parse("x:" + FORGED)).satisfies(e -> assertPrintable(e.getMessage()));
        assertThatThrownBy(() -> Topic.parse("purpose:" + FORGED)).satisfies(e -> assertPrintable(e.getMessage()));
        assertThatThrownBy(() -> Topic.parse("nonsense\r\n" + FORGED)).satisfies(e -> assertPrintable(e.getMessage()));
        assertThatThrownBy(() -> Jurisdiction.of(FORGED)).satisfies(e -> assertPrintable(e.getMessage()));
        assertThatThrownBy(() -> SubjectId.customer("y".repeat(5_000)))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }
}
