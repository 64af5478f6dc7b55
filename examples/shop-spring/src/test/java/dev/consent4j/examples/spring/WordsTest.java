package dev.consent4j.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.request.RequestKind;
import dev.consent4j.request.RequestStatus;
import dev.consent4j.state.Reason;
import org.junit.jupiter.api.Test;

/** The account page words every reason, request kind and status the library has, in both languages. */
class WordsTest {

    @Test
    void everyReasonHasWordsInJapaneseAndEnglish() {
        for (Reason reason : Reason.values()) {
            assertThat(Words.reason(reason, "ja")).as(reason.name()).isNotBlank().isNotEqualTo(reason.name());
            assertThat(Words.reason(reason, "en")).as(reason.name()).isNotBlank().isNotEqualTo(reason.name());
        }
    }

    @Test
    void everyRequestKindAndStatusHasWordsInJapaneseAndEnglish() {
        for (RequestKind kind : RequestKind.values()) {
            assertThat(Words.kind(kind, "ja")).as(kind.name()).isNotBlank().isNotEqualTo(kind.name());
            assertThat(Words.kind(kind, "en")).as(kind.name()).isNotBlank().isNotEqualTo(kind.name());
        }
        for (RequestStatus status : RequestStatus.values()) {
            assertThat(Words.status(status, "ja")).as(status.name()).isNotBlank().isNotEqualTo(status.name());
            assertThat(Words.status(status, "en")).as(status.name()).isNotBlank().isNotEqualTo(status.name());
        }
    }

    @Test
    void withoutALanguageTheWordsAreJapanese() {
        assertThat(Words.reason(Reason.USE_STOPPED, null)).isEqualTo(Words.reason(Reason.USE_STOPPED, "ja"));
    }
}
