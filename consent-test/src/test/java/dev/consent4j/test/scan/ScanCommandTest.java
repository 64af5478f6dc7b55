package dev.consent4j.test.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScanCommandTest {

    @Test
    void readsEveryOption() {
        ScanCommand.Options options = ScanCommand.parse(new String[] {"--policy", "p.yaml", "--url", "http://127.0.0.1:8080/",
                "--url", "http://127.0.0.1:8080/cart", "--crawl", "7", "--max-time", "PT45S", "--jurisdiction", "us-ca", "--gpc",
                "--map-host", "tag.example=127.0.0.1", "--first-party", "cdn.shop.example", "--out", "out"});

        assertThat(options.urls()).containsExactly(URI.create("http://127.0.0.1:8080/"), URI.create("http://127.0.0.1:8080/cart"));
        assertThat(options.crawl()).isEqualTo(7);
        assertThat(options.maxTime()).isEqualTo(Duration.ofSeconds(45));
        assertThat(options.jurisdiction().code()).isEqualTo("US-CA");
        assertThat(options.gpc()).isTrue();
        assertThat(options.mappedHosts()).singleElement().satisfies(m -> assertThat(m).containsExactly("tag.example", "127.0.0.1"));
        assertThat(options.firstParty()).containsExactly("cdn.shop.example");
    }

    @Test
    void refusesWhatItCannotUseNamingIt() {
        assertThatThrownBy(() -> ScanCommand.parse(new String[] {"--policy", "p.yaml"}))
                .hasMessage("give the policy file (--policy) and at least one page (--url)");
        assertThatThrownBy(() -> ScanCommand.parse(new String[] {"--policy", "p.yaml", "--url", "http://x/", "--crawl", "many"}))
                .hasMessageStartingWith("--crawl 'many' is not a valid value");
        assertThatThrownBy(() -> ScanCommand.parse(new String[] {"--colour", "blue"})).hasMessage("unknown option '--colour'");
        assertThatThrownBy(() -> ScanCommand.parse(new String[] {"--url"})).hasMessage("'--url' needs a value");
    }

    @Test
    void exitsWithTwoWhenItCannotScan() {
        assertThat(ScanCommand.run(new String[] {"--url", "http://127.0.0.1/"})).isEqualTo(2);
        assertThat(ScanCommand.run(new String[] {"--policy", "target/no-such-policy.yaml", "--url", "http://127.0.0.1/"}))
                .isEqualTo(2);
    }
}
