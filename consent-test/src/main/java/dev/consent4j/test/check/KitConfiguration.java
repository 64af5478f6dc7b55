package dev.consent4j.test.check;

import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.test.ConsentTestKit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The test kit's settings from system properties, each falling back to the classpath resource
 * {@value #RESOURCE}; see {@link ConsentTestKit#fromConfiguration()}.
 */
public final class KitConfiguration {

    public static final String RESOURCE = "consent-test.properties";
    public static final String POLICY = "consent4j.test.policy";
    public static final String KEY = "consent4j.test.key";
    public static final String KEY_ID = "consent4j.test.key-id";
    public static final String COOKIE_NAME = "consent4j.test.cookie-name";
    public static final String JURISDICTION_HEADER = "consent4j.test.jurisdiction-header";
    public static final String DEFAULT_JURISDICTION = "consent4j.test.default-jurisdiction";
    public static final String GPC_HONOURED_IN = "consent4j.test.gpc-honoured-in";
    public static final String FIRST_PARTY_HOSTS = "consent4j.test.first-party-hosts";

    private final Properties properties;
    private final ClassLoader loader;

    private KitConfiguration(Properties properties, ClassLoader loader) {
        this.properties = properties;
        this.loader = loader;
    }

    public static KitConfiguration load(ClassLoader loader) {
        Properties properties = new Properties();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE + " from the classpath", e);
        }
        return new KitConfiguration(properties, loader);
    }

    private @Nullable String get(String name) {
        String value = System.getProperty(name, properties.getProperty(name));
        return value == null || value.isBlank() ? null : value.trim();
    }

    public ConsentTestKit apply(Function<Policy, ConsentTestKit.Builder> builderFor) {
        String source = get(POLICY) == null ? "consent-policy.yaml" : get(POLICY);
        Policy policy;
        if (source.startsWith("file:")) {
            policy = PolicyLoader.load(Path.of(source.substring(5)));
        } else {
            if (loader.getResource(source) == null) {
                throw new IllegalStateException(POLICY + ": no classpath resource '" + source
                        + "'; name the shop's policy file (a classpath resource, or file:<path>)");
            }
            policy = PolicyLoader.loadResource(source, loader);
        }
        ConsentTestKit.Builder builder = builderFor.apply(policy);
        String key = get(KEY);
        if (key != null) {
            String id = get(KEY_ID) == null ? "test" : get(KEY_ID);
            try {
                builder.signingKey(SigningKey.fromBase64(id, key));
            } catch (IllegalArgumentException e) {
                // The message of the key's own check never quotes the secret.
                throw new IllegalStateException(KEY + " is not a usable signing key: " + e.getMessage());
            }
        }
        if (get(COOKIE_NAME) != null) {
            builder.cookie(new dev.consent4j.servlet.ConsentCookieSettings(get(COOKIE_NAME),
                    dev.consent4j.servlet.ConsentCookieSettings.defaults().secure()));
        }
        if (get(JURISDICTION_HEADER) != null) {
            String[] names = get(JURISDICTION_HEADER).split(":", -1);
            if (names.length > 2 || names[0].isBlank()) {
                throw new IllegalStateException(JURISDICTION_HEADER + " is a country header, optionally followed by"
                        + " ':' and a region header, e.g. CloudFront-Viewer-Country:CloudFront-Viewer-Country-Region");
            }
            builder.jurisdictionHeaders(names[0].trim(), names.length == 2 ? names[1].trim() : null);
        }
        ConsentSettings.Builder settings = ConsentSettings.builder();
        try {
            if (get(DEFAULT_JURISDICTION) != null) {
                settings.defaultJurisdiction(Jurisdiction.of(get(DEFAULT_JURISDICTION)));
            }
            if (get(GPC_HONOURED_IN) != null) {
                settings.gpcHonouredIn(list(get(GPC_HONOURED_IN)));
            }
            builder.settings(settings.build());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(DEFAULT_JURISDICTION + " / " + GPC_HONOURED_IN + ": " + e.getMessage());
        }
        if (get(FIRST_PARTY_HOSTS) != null) {
            builder.firstPartyHosts(list(get(FIRST_PARTY_HOSTS)));
        }
        return builder.build();
    }

    private static Set<String> list(String value) {
        Set<String> items = new LinkedHashSet<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(items::add);
        return items;
    }
}
