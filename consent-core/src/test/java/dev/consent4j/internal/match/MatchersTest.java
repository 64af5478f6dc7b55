package dev.consent4j.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.policy.Policy;
import org.junit.jupiter.api.Test;

class MatchersTest {

    @Test
    void exactNamesBeatPrefixGlobsAndLongerPrefixesBeatShorter() {
        NameMatcher<String> matcher = NameMatcher.<String>builder()
                .add("_ga", "exact").add("_ga*", "short").add("_ga_*", "long").add("*_id", "suffix").add("a?c", "one")
                .build();
        assertThat(matcher.match("_ga")).isEqualTo("exact");
        assertThat(matcher.match("_ga_XYZ")).isEqualTo("long");
        assertThat(matcher.match("_gat")).isEqualTo("short");
        assertThat(matcher.match("user_id")).isEqualTo("suffix");
        assertThat(matcher.match("abc")).isEqualTo("one");
        assertThat(matcher.match("abbc")).isNull();
        assertThat(matcher.match("other")).isNull();
    }

    @Test
    void globsTreatRegexCharactersLiterally() {
        NameMatcher<String> matcher = NameMatcher.<String>builder().add("a.b*c", "x").build();
        assertThat(matcher.match("a.bzzc")).isEqualTo("x");
        assertThat(matcher.match("aXbzzc")).isNull();
    }

    @Test
    void validGlobsRejectSeparatorsAndAllWildcards() {
        assertThat(NameMatcher.isValidGlob("_ga_*")).isTrue();
        assertThat(NameMatcher.isValidGlob("a b")).isFalse();
        assertThat(NameMatcher.isValidGlob("a;b")).isFalse();
        assertThat(NameMatcher.isValidGlob("**")).isFalse();
        assertThat(NameMatcher.isValidGlob("")).isFalse();
    }

    @Test
    void wildcardHostsMatchSubdomainsOnlyAndIgnoreCase() {
        HostMatcher<String> matcher = HostMatcher.<String>builder()
                .add("tag.example.com", "tag").add("*.pixel.example.com", "pixel").add("*.example.com", "any").build();
        assertThat(matcher.match("TAG.Example.com")).isEqualTo("tag");
        assertThat(matcher.match("eu.pixel.example.com")).isEqualTo("pixel");
        assertThat(matcher.match("a.b.pixel.example.com")).isEqualTo("pixel");
        assertThat(matcher.match("pixel.example.com")).isEqualTo("any");
        assertThat(matcher.match("example.com")).isNull();
        assertThat(matcher.match("evilexample.com")).isNull();
        assertThat(matcher.match("")).isNull();
    }

    @Test
    void hostValidationRefusesSchemesPortsAndPaths() {
        assertThat(HostMatcher.isValidHost("*.example.com")).isTrue();
        assertThat(HostMatcher.isValidHost("https://example.com")).isFalse();
        assertThat(HostMatcher.isValidHost("example.com:443")).isFalse();
        assertThat(HostMatcher.isValidHost("example.com/x")).isFalse();
        assertThat(HostMatcher.isValidHost("a.*.example.com")).isFalse();
    }

    @Test
    void policyLanguageFallsBackFromRegionalTagsAndUnknownLanguages() {
        Policy policy = Policy.builder("p", "1").operator(new dev.consent4j.policy.Party(
                dev.consent4j.policy.LocalizedText.of("ja", "店"), null, null, null)).build();
        assertThat(policy.language("ja-JP")).isEqualTo("ja");
        assertThat(policy.language("EN")).isEqualTo("en");
        assertThat(policy.language("jav")).isEqualTo("ja");
        assertThat(policy.language("fr")).isEqualTo("ja");
        assertThat(policy.language(null)).isEqualTo("ja");
    }
}
