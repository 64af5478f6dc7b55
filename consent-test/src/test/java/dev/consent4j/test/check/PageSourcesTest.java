package dev.consent4j.test.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class PageSourcesTest {

    @Test
    void cspGivesTheHostsOfFetchDirectivesOnlyWithoutSchemePortOrPath() {
        assertThat(PageSources.csp("default-src 'self'; script-src 'self' 'nonce-x' https://ads.example:8443/tags/"
                + " *.pixel.ads.example data:; frame-ancestors https://partner.example; report-uri https://r.example/csp"))
                .extracting(PageSources.Source::host)
                .containsExactly("ads.example", "*.pixel.ads.example");
    }

    @Test
    void cspWildcardsAndSchemeOnlySourcesOpenEveryHost() {
        assertThat(PageSources.csp("img-src *; connect-src https:")).extracting(PageSources.Source::host)
                .containsExactly("*", "*");
    }

    @Test
    void cspHeadersJoinedByCommasAreEachRead() {
        assertThat(PageSources.csp("script-src a.example, img-src b.example")).extracting(PageSources.Source::how)
                .containsExactly("script-src", "img-src");
    }

    @Test
    void htmlCountsActiveTagsWithAbsoluteUrlsAndSkipsInertScriptsAndRelativeOnes() {
        String page = """
                <script src="/consent/assets/consent.js"></script>
                <script type="text/plain" data-consent="advertising" src="https://ads.example/a.js"></script>
                <script type='module' src='https://cdn.example/m.js'></script>
                <SCRIPT SRC=//metrics.example/m.js async></SCRIPT>
                <link rel="stylesheet" href="https://fonts.example/f.css">
                <link rel="canonical" href="https://shop.example/">
                <img src="https://pixel.example/p.gif" alt="">
                <iframe src="https://frames.example/"></iframe>
                """;
        assertThat(PageSources.html(page, URI.create("https://shop.example/"))).extracting(PageSources.Source::host)
                .containsExactly("cdn.example", "metrics.example", "fonts.example", "pixel.example", "frames.example");
    }
}
