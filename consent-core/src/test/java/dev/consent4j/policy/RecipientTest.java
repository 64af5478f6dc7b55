package dev.consent4j.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A recipient's countries and a successor's start date, as the gate and the disclosure read them. */
class RecipientTest {

    private static Recipient recipient(Relation relation, List<String> countries, LocalDate successionStart) {
        return new Recipient("r", LocalizedText.of("en", "R"), relation, countries, List.of(), List.of(), List.of(), null,
                false, null, null, null, List.of(), List.of(), false, successionStart);
    }

    @Test
    void aRecipientInJapanAndAbroadIsForeignForItsCountriesOutsideJapan() {
        Recipient both = recipient(Relation.PROCESSOR, List.of("JP", "SG"), null);
        assertThat(both.country()).isEqualTo("JP");
        assertThat(both.foreign()).isTrue();
        assertThat(both.foreignCountries()).containsExactly("SG");
        assertThat(recipient(Relation.PROCESSOR, List.of("JP"), null).foreign()).isFalse();
    }

    @Test
    void countriesAreAtLeastOneAndEachOnce() {
        assertThatThrownBy(() -> recipient(Relation.PROCESSOR, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one country");
        assertThatThrownBy(() -> recipient(Relation.PROCESSOR, List.of("US", "US"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[US, US]");
    }

    @Test
    void aSuccessionStartsOnItsDateAndOnlyASuccessorHasOne() {
        Recipient planned = recipient(Relation.SUCCESSOR, List.of("JP"), LocalDate.of(2027, 4, 1));
        assertThat(planned.successionStarted(LocalDate.of(2027, 3, 31))).isFalse();
        assertThat(planned.successionStarted(LocalDate.of(2027, 4, 1))).isTrue();
        assertThat(recipient(Relation.SUCCESSOR, List.of("JP"), null).successionStarted(LocalDate.MIN)).isTrue();
        assertThatThrownBy(() -> recipient(Relation.PROCESSOR, List.of("JP"), LocalDate.of(2027, 4, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only a successor");
    }
}
