package dev.consent4j.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ContrastTest {

    @Test
    void blackOnWhiteIsTwentyOneToOne() {
        assertThat(Contrast.ratio("rgb(0, 0, 0)", "rgba(255, 255, 255, 1)")).isCloseTo(21.0, within(0.001));
    }

    @Test
    void sameColourIsOneToOne() {
        assertThat(Contrast.ratio("rgb(118, 118, 118)", "rgb(118, 118, 118)")).isCloseTo(1.0, within(0.001));
    }

    @Test
    void greySevenSixOnWhiteJustPassesAa() {
        assertThat(Contrast.ratio("rgb(118, 118, 118)", "rgb(255, 255, 255)")).isCloseTo(4.54, within(0.01));
    }

    @Test
    void translucentColourIsRefused() {
        assertThatThrownBy(() -> Contrast.ratio("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"))
                .hasMessageContaining("rgba(0, 0, 0, 0)");
    }
}
