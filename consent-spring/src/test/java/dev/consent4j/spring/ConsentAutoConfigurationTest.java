package dev.consent4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.ConsentManager;
import dev.consent4j.guardian.GuardianConsentTokens;
import dev.consent4j.guardian.GuardianLinks;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyValidationException;
import dev.consent4j.servlet.ConsentEndpoints;
import dev.consent4j.servlet.ConsentFilter;
import dev.consent4j.servlet.JurisdictionResolver;
import dev.consent4j.servlet.SubjectResolver;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.cache.PostgresInvalidations;
import dev.consent4j.store.memory.InMemoryConsentStore;
import dev.consent4j.unsubscribe.UnsubscribeLinks;
import java.time.Period;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.core.io.support.SpringFactoriesLoader;

class ConsentAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConsentStoreAutoConfiguration.class, ConsentAutoConfiguration.class,
                    ConsentWebAutoConfiguration.class, ConsentActuatorAutoConfiguration.class));
    private final WebApplicationContextRunner withMemory = runner.withPropertyValues("consent.store.type=memory");

    private static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void withAMemoryStoreEverythingIsWired() {
        withMemory.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(ConsentManager.class).hasSingleBean(ConsentFilter.class)
                    .hasSingleBean(ConsentEndpoints.class).hasSingleBean(InMemoryConsentStore.class);
            assertThat(context.getBean(Policy.class).id()).isEqualTo("servlet-test-shop");
            FilterRegistrationBean<?> filter = context.getBean("consentFilterRegistration", FilterRegistrationBean.class);
            assertThat(filter.getOrder()).isEqualTo(ConsentFilter.DEFAULT_ORDER);
            assertThat(filter.getUrlPatterns()).containsExactly("/*");
            ServletRegistrationBean<?> endpoints = context.getBean("consentEndpointsRegistration", ServletRegistrationBean.class);
            assertThat(endpoints.getUrlMappings()).containsExactly("/consent/*", "/.well-known/gpc.json");
            assertThat(context).doesNotHaveBean(UnsubscribeLinks.class);
        });
    }

    @Test
    void withNeitherDataSourceNorMemoryTheApplicationFailsWithAnAction() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("No consent store is configured");
            assertThat(analysis.getAction()).contains("DataSource")
                    .contains("consent.store.type=memory");
        });
    }

    @Test
    void withTwoStoresTheFailureNamesThem() {
        runner.withBean("oneStore", ConsentStore.class, InMemoryConsentStore::new)
                .withBean("otherStore", ConsentStore.class, InMemoryConsentStore::new).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("Several consent stores", "oneStore", "otherStore");
        });
    }

    @Test
    void anInvalidPolicyStopsTheApplicationWithItsProblemsListed() {
        withMemory.withPropertyValues("consent.policy-location=classpath:policies/broken.yaml").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(PolicyValidationException.class);
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("The consent policy is not valid", "classpath:policies/broken.yaml",
                    "purposes[0].basis");
            assertThat(analysis.getAction()).contains("consent.policy-location");
        });
    }

    @Test
    void aMissingPolicyFileIsNamed() {
        withMemory.withPropertyValues("consent.policy-location=classpath:nowhere.yaml").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("classpath:nowhere.yaml");
        });
    }

    @Test
    void basePathMovesTheEndpoints() {
        withMemory.withPropertyValues("consent.base-path=/privacy").run(context -> assertThat(
                context.getBean("consentEndpointsRegistration", ServletRegistrationBean.class).getUrlMappings())
                .containsExactly("/privacy/*", "/.well-known/gpc.json"));
    }

    @Test
    void settingsFollowTheirProperties() {
        withMemory.withPropertyValues("consent.default-jurisdiction=jp", "consent.max-age=P6M",
                "consent.gpc.honoured-in=US-CA,EU", "consent.carry-over=none").run(context -> {
            ConsentSettings settings = context.getBean(ConsentSettings.class);
            assertThat(settings.defaultJurisdiction()).isEqualTo(Jurisdiction.JP);
            assertThat(settings.maxAge()).isEqualTo(Period.ofMonths(6));
            assertThat(settings.gpcHonouredIn()).isEqualTo(Set.of("US-CA", "EU"));
            assertThat(settings.carryOver()).isEqualTo(ConsentSettings.CarryOver.NONE);
        });
    }

    @Test
    void signingKeysComeFromPropertiesNewestFirst() {
        withMemory.withPropertyValues("consent.signing.keys[0].id=k2", "consent.signing.keys[0].secret=" + SECRET,
                "consent.signing.keys[1].id=k1", "consent.signing.keys[1].secret=" + SECRET).run(context -> {
            SigningKeys keys = context.getBean(SigningKeys.class);
            assertThat(keys.current().id()).isEqualTo("k2");
            assertThat(keys.find("k1")).isPresent();
        });
    }

    @Test
    void thePublicPagesLinkHomeAndLoadTheShopsThemes() {
        withMemory.withPropertyValues("consent.pages.home=/shop/", "consent.pages.themes=/css/theme.css").run(context -> {
            org.springframework.mock.web.MockHttpServletResponse page = disclosurePage(context.getBean(ConsentEndpoints.class));
            assertThat(page.getContentAsString()).contains("<a href=\"/shop/\">", "href=\"/consent/assets/page.css\"",
                    "<link rel=\"stylesheet\" href=\"/css/theme.css\">");
        });
        withMemory.withPropertyValues("consent.pages.home=").run(context -> assertThat(
                disclosurePage(context.getBean(ConsentEndpoints.class)).getContentAsString()).doesNotContain("c4j-page-foot"));
    }

    private static org.springframework.mock.web.MockHttpServletResponse disclosurePage(ConsentEndpoints endpoints)
            throws Exception {
        org.springframework.mock.web.MockHttpServletRequest request =
                new org.springframework.mock.web.MockHttpServletRequest("GET", "/consent/disclosure");
        request.setServletPath("/consent");
        request.setPathInfo("/disclosure");
        org.springframework.mock.web.MockHttpServletResponse response = new org.springframework.mock.web.MockHttpServletResponse();
        endpoints.service((jakarta.servlet.ServletRequest) request, (jakarta.servlet.ServletResponse) response);
        return response;
    }

    @Test
    void unsubscribeLinksExistWhenThePublicAddressIsSet() {
        withMemory.withPropertyValues("consent.unsubscribe.public-base-url=https://shop.example/consent").run(context ->
                assertThat(context).hasSingleBean(UnsubscribeLinks.class));
    }

    @Test
    void guardianLinksExistWhenThePublicAddressIsSetAndLastTheConfiguredValidity() {
        withMemory.run(context -> {
            assertThat(context).hasSingleBean(GuardianConsentTokens.class).doesNotHaveBean(GuardianLinks.class);
            assertThat(context.getBean(GuardianConsentTokens.class).validity()).isEqualTo(java.time.Duration.ofDays(7));
        });
        withMemory.withPropertyValues("consent.guardian.public-base-url=https://shop.example/consent",
                "consent.guardian.link-validity=3d").run(context -> {
            assertThat(context).hasSingleBean(GuardianLinks.class);
            assertThat(context.getBean(GuardianConsentTokens.class).validity()).isEqualTo(java.time.Duration.ofDays(3));
            assertThat(context.getBean(GuardianLinks.class).forMinor(dev.consent4j.event.SubjectId.customer("kenta"),
                    java.util.List.of(dev.consent4j.event.Topic.purpose("newsletter")), "p@example.jp", "kenta").url())
                    .startsWith("https://shop.example/consent/guardian-consent?token=g.");
        });
        withMemory.withPropertyValues("consent.guardian.public-base-url=http://shop.example/consent").run(context ->
                assertThat(context).hasFailed());
    }

    @Test
    void whenTheUserDefinesTheirOwnGuardianConsentTokensThenTheAutoConfiguredOnesBackOff() {
        GuardianConsentTokens own = new GuardianConsentTokens(SigningKeys.of(SigningKey.generate("own")), java.time.Clock.systemUTC());
        withMemory.withBean(GuardianConsentTokens.class, () -> own).run(context ->
                assertThat(context.getBean(GuardianConsentTokens.class)).isSameAs(own));
    }

    @Test
    void theStoreTimeoutReachesTheFilterAndAnUnboundedOneRefusesToStart() {
        withMemory.run(context -> assertThat(context.getBean(ConsentFilter.class).storeTimeout())
                .isEqualTo(ConsentFilter.DEFAULT_STORE_TIMEOUT));
        withMemory.withPropertyValues("consent.store.timeout=250ms").run(context ->
                assertThat(context.getBean(ConsentFilter.class).storeTimeout()).isEqualTo(java.time.Duration.ofMillis(250)));
        withMemory.withPropertyValues("consent.store.timeout=2m").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("storeTimeout").hasMessageContaining("PT2M");
        });
    }

    @Test
    void enforcingCspWithStrictDynamicRefusesToStart() {
        withMemory.withPropertyValues("consent.csp.mode=enforce",
                "consent.csp.base-policy=script-src 'nonce-x' 'strict-dynamic'").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("'strict-dynamic'");
        });
    }

    @Test
    void disabledMeansNoBeans() {
        withMemory.withPropertyValues("consent.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(ConsentManager.class).doesNotHaveBean(ConsentFilter.class);
        });
    }

    @Test
    void whenTheUserDefinesTheirOwnStoreThenTheAutoConfiguredStoreBacksOff() {
        runner.withBean("myStore", ConsentStore.class, InMemoryConsentStore::new).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(ConsentStore.class);
            assertThat(context).hasBean("myStore");
        });
        withH2("own").withBean("myStore", ConsentStore.class, OwnStore::new).run(context -> {
            assertThat(context).hasNotFailed().hasBean("myStore")
                    .doesNotHaveBean("consentDataSourceScriptDatabaseInitializer")
                    .hasBean("consentLedgerDataSourceScriptDatabaseInitializer");
            assertThat(health(context).getDetails()).containsEntry("store", "OwnStore");
        });
    }

    /** A store of the shop's own, to see it named in the health details. */
    static final class OwnStore extends dev.consent4j.store.ForwardingConsentStore {
        OwnStore() {
            super(new InMemoryConsentStore());
        }
    }

    private static org.springframework.boot.health.contributor.Health health(
            org.springframework.context.ApplicationContext context) {
        return context.getBean(dev.consent4j.spring.actuate.ConsentStoreHealthIndicator.class).health(true);
    }

    @Test
    void whenTheUserDefinesTheirOwnSubjectResolverThenTheAutoConfiguredOneBacksOff() {
        SubjectResolver mine = request -> null;
        withMemory.withBean(SubjectResolver.class, () -> mine).run(context ->
                assertThat(context.getBean(SubjectResolver.class)).isSameAs(mine));
    }

    @Test
    void whenTheUserDefinesTheirOwnJurisdictionResolverThenTheAutoConfiguredOneBacksOff() {
        JurisdictionResolver mine = JurisdictionResolver.fixed(Jurisdiction.JP);
        withMemory.withBean(JurisdictionResolver.class, () -> mine).run(context ->
                assertThat(context.getBean(JurisdictionResolver.class)).isSameAs(mine));
    }

    @Test
    void whenTheUserDefinesTheirOwnSigningKeysThenTheAutoConfiguredOnesBackOff() {
        SigningKeys mine = SigningKeys.of(SigningKey.generate("mine"));
        withMemory.withBean(SigningKeys.class, () -> mine).run(context ->
                assertThat(context.getBean(SigningKeys.class)).isSameAs(mine));
    }

    @Test
    void whenTheUserDefinesTheirOwnFilterThenTheAutoConfiguredFilterBacksOff() {
        withMemory.withUserConfiguration(OwnFilter.class).run(context -> {
            assertThat(context).hasSingleBean(ConsentFilter.class);
            assertThat(context.getBean(ConsentFilter.class)).isSameAs(context.getBean(OwnFilter.class).filter);
        });
    }

    @Test
    void aCustomerAgeResolverBeanGivesTheFilterTheSignedInCustomersAge() {
        dev.consent4j.servlet.CustomerAgeResolver ages = (customer, request) -> dev.consent4j.state.AgeBand.between(13, 15);
        withMemory.withBean(dev.consent4j.servlet.CustomerAgeResolver.class, () -> ages).run(context -> {
            ConsentFilter filter = context.getBean(ConsentFilter.class);
            org.springframework.mock.web.MockHttpServletRequest request = new org.springframework.mock.web.MockHttpServletRequest("GET", "/");
            request.setUserPrincipal(() -> "kenta");
            filter.doFilter(request, new org.springframework.mock.web.MockHttpServletResponse(),
                    new org.springframework.mock.web.MockFilterChain());
            assertThat(dev.consent4j.servlet.ConsentContext.find(request).orElseThrow().signals().age())
                    .as("the youngest age of the band").isEqualTo(13);
        });
        withMemory.run(context -> {
            org.springframework.mock.web.MockHttpServletRequest request = new org.springframework.mock.web.MockHttpServletRequest("GET", "/");
            request.setUserPrincipal(() -> "kenta");
            context.getBean(ConsentFilter.class).doFilter(request, new org.springframework.mock.web.MockHttpServletResponse(),
                    new org.springframework.mock.web.MockFilterChain());
            assertThat(dev.consent4j.servlet.ConsentContext.find(request).orElseThrow().signals().age())
                    .as("without the bean nothing is known").isNull();
        });
    }

    @Test
    void theJurisdictionComesFromTheOneCdnNamed() {
        withMemory.withPropertyValues("consent.jurisdiction.from=cloudfront", "consent.default-jurisdiction=JP").run(context -> {
            JurisdictionResolver resolver = context.getBean(JurisdictionResolver.class);
            org.springframework.mock.web.MockHttpServletRequest request = new org.springframework.mock.web.MockHttpServletRequest();
            request.addHeader("CF-IPCountry", "US");
            assertThat(resolver.resolve(request).code()).as("another CDN's header is the client's").isEqualTo("JP");
            request.addHeader("CloudFront-Viewer-Country", "US");
            request.addHeader("CloudFront-Viewer-Country-Region", "CA");
            assertThat(resolver.resolve(request).code()).isEqualTo("US-CA");
        });
        withMemory.withPropertyValues("consent.jurisdiction.from=header:X-Geo-Country").run(context -> {
            org.springframework.mock.web.MockHttpServletRequest request = new org.springframework.mock.web.MockHttpServletRequest();
            request.addHeader("X-Geo-Country", "fr");
            assertThat(context.getBean(JurisdictionResolver.class).resolve(request).code()).isEqualTo("FR");
        });
        withMemory.withPropertyValues("consent.jurisdiction.from=cdn-headers").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("cloudflare, cloudfront, vercel");
        });
    }

    @Test
    void withAMeterRegistryChoicesAndUnsubscribesAreCounted() {
        withMemory.withBean(io.micrometer.core.instrument.MeterRegistry.class,
                io.micrometer.core.instrument.simple.SimpleMeterRegistry::new).run(context -> {
            ConsentManager consents = context.getBean(ConsentManager.class);
            consents.record(dev.consent4j.ChoiceRequest.of(dev.consent4j.event.SubjectId.customer("c-1"),
                    dev.consent4j.event.Topic.contact("newsletter", "email"), dev.consent4j.event.Action.WITHDRAW,
                    dev.consent4j.event.Source.ONE_CLICK_UNSUBSCRIBE, Jurisdiction.JP));
            io.micrometer.core.instrument.MeterRegistry registry = context.getBean(io.micrometer.core.instrument.MeterRegistry.class);
            assertThat(registry.get("consent.choices").tag("topic", "purpose:newsletter:email").tag("action", "withdraw")
                    .counter().count()).isEqualTo(1.0);
            assertThat(registry.get("consent.unsubscribes").counter().count()).isEqualTo(1.0);
            assertThat(context).hasSingleBean(dev.consent4j.spring.actuate.ConsentStoreHealthIndicator.class)
                    .hasSingleBean(dev.consent4j.spring.actuate.ConsentActuatorEndpoint.class);
            assertThat(context.getBean(dev.consent4j.spring.actuate.ConsentActuatorEndpoint.class).consent())
                    .containsEntry("policyVersion", "2026-11");
        });
    }

    private WebApplicationContextRunner withH2(String name) {
        return runner.withConfiguration(AutoConfigurations.of(
                        org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    }

    @Test
    void withADataSourceTheJdbcStoreIsUsedAndItsSchemaCreatedOnH2() {
        withH2("auto").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ConsentStore.class)).isInstanceOf(dev.consent4j.store.cache.CachingConsentStore.class);
            ConsentManager consents = context.getBean(ConsentManager.class);
            dev.consent4j.event.SubjectId alice = dev.consent4j.event.SubjectId.customer("alice");
            consents.record(dev.consent4j.ChoiceRequest.of(alice, dev.consent4j.event.Topic.category("advertising"),
                    dev.consent4j.event.Action.GRANT, dev.consent4j.event.Source.API, Jurisdiction.JP));
            assertThat(consents.state(alice, dev.consent4j.state.Signals.of(Jurisdiction.JP)).categoryAllowed("advertising")).isTrue();
            try (java.sql.Connection connection = context.getBean(javax.sql.DataSource.class).getConnection();
                    java.sql.ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM consent_event")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
        });
    }

    @Test
    void theSchemaIsCreatedByBootsDatabaseInitializerBeforeTheStoresAreBuilt() {
        withH2("initializer").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(ConsentDataSourceScriptDatabaseInitializer.class)).containsOnlyKeys(
                    "consentDataSourceScriptDatabaseInitializer", "consentLedgerDataSourceScriptDatabaseInitializer");
            assertThat(context.getBeanFactory().getBeanDefinition("jdbcConsentStore").getDependsOn())
                    .contains("consentDataSourceScriptDatabaseInitializer", "consentLedgerDataSourceScriptDatabaseInitializer");
            assertThat(context.getBeanFactory().getBeanDefinition("jdbcLedgerStore").getDependsOn())
                    .contains("consentLedgerDataSourceScriptDatabaseInitializer");
            assertThat(health(context).getDetails()).containsEntry("store", "h2")
                    .containsEntry("policyId", "servlet-test-shop").containsEntry("policyVersion", "2026-11");
        });
    }

    /** Boot counts an H2 file as not embedded; consent4j's {@code embedded} has always covered it, and still does. */
    @Test
    void anH2FileDatabaseGetsItsTablesWithTheDefaultEmbedded(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory) {
        runner.withConfiguration(AutoConfigurations.of(org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:h2:file:" + directory.resolve("shop").toAbsolutePath())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(ConsentProperties.class).store().jdbc().initializeSchema())
                            .isEqualTo(ConsentProperties.Store.Jdbc.InitializeSchema.EMBEDDED);
                    try (java.sql.Connection connection = context.getBean(javax.sql.DataSource.class).getConnection();
                            java.sql.ResultSet rows = connection.createStatement().executeQuery(
                                    "SELECT count(*) FROM consent_event, consent_request")) {
                        assertThat(rows.next()).isTrue();
                    }
                });
    }

    @Test
    void onPostgresqlTheDefaultCreatesNothingAndMissingTablesStopTheStartNamingThePostgresqlFile() throws Exception {
        javax.sql.DataSource postgres = dev.consent4j.testing.TestDatabases.fromEnvironment(
                dev.consent4j.testing.TestDatabases.POSTGRES);
        try (java.sql.Connection connection = postgres.getConnection(); java.sql.Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS c4jmissing_latest");
            statement.execute("DROP TABLE IF EXISTS c4jmissing_event");
        }
        runner.withBean(javax.sql.DataSource.class, () -> postgres)
                .withPropertyValues("consent.store.jdbc.table-prefix=c4jmissing_")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(ConsentSchemaMissingException.class);
                    FailureAnalysis analysis = analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("c4jmissing_event", "c4jmissing_latest");
                    assertThat(analysis.getAction()).contains("consent.store.jdbc.initialize-schema=always",
                            "dev/consent4j/store/jdbc/schema-postgresql.sql");
                });
    }

    @Test
    void onMariaDbAlwaysCreatesTheTablesFromTheMysqlFilesAndHealthNamesMariaDb() throws Exception {
        javax.sql.DataSource mariadb = dev.consent4j.testing.TestDatabases.fromEnvironment(
                dev.consent4j.testing.TestDatabases.MARIADB);
        try (java.sql.Connection connection = mariadb.getConnection(); java.sql.Statement statement = connection.createStatement()) {
            for (String table : java.util.List.of("request_step", "request", "receipt_subject", "receipt", "provision_subject",
                    "provision", "chain_head", "latest", "event")) {
                statement.execute("DROP TABLE IF EXISTS c4jinit_" + table);
            }
        }
        runner.withBean(javax.sql.DataSource.class, () -> mariadb)
                .withPropertyValues("consent.store.jdbc.initialize-schema=always", "consent.store.jdbc.table-prefix=c4jinit_")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ConsentManager consents = context.getBean(ConsentManager.class);
                    consents.record(dev.consent4j.ChoiceRequest.of(dev.consent4j.event.SubjectId.customer("maria"),
                            dev.consent4j.event.Topic.category("analytics"), dev.consent4j.event.Action.GRANT,
                            dev.consent4j.event.Source.API, Jurisdiction.JP));
                    assertThat(context.getBean(ConsentStore.class).events(dev.consent4j.event.SubjectId.customer("maria"))).hasSize(1);
                    assertThat(health(context).getDetails()).containsEntry("store", "mariadb");
                });
    }

    @Test
    void withoutTheTablesAndWithoutSchemaCreationTheApplicationDoesNotStart() {
        withH2("never").withPropertyValues("consent.store.jdbc.initialize-schema=never").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(ConsentSchemaMissingException.class);
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("consent_event", "consent_latest", "do not exist");
            assertThat(analysis.getAction()).contains("consent.store.jdbc.initialize-schema=always",
                    "dev/consent4j/store/jdbc/schema-h2.sql");
        });
    }

    @Test
    void initializeSchemaNeverUsesTablesTheShopCreated() {
        withH2("created").withPropertyValues("consent.store.jdbc.initialize-schema=always").run(context -> assertThat(context).hasNotFailed());
        withH2("created").withPropertyValues("consent.store.jdbc.initialize-schema=never").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ConsentStore.class).events(dev.consent4j.event.SubjectId.customer("x"))).isEmpty();
        });
    }

    @Test
    void anUnusableSigningKeyStopsTheApplicationWithTheCommandToMakeOne() {
        Map<String, String> bad = Map.of(
                "consent.signing.keys[0].secret=${CONSENT_KEY}", "refers to ${CONSENT_KEY}, which is not set",
                "consent.signing.keys[0].secret=c2hvcnQ=", "needs at least 32",
                "consent.signing.keys[0].secret=not base64 at all!", "not valid Base64",
                "consent.signing.keys[0].secret=", "is not set");
        bad.forEach((property, problem) -> withMemory.withPropertyValues("consent.signing.keys[0].id=k1", property).run(context -> {
            assertThat(context).as(property).hasFailed();
            assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(InvalidSigningKeyException.class);
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).as(property).contains("consent.signing.keys[0].secret", problem)
                    .doesNotContain("c2hvcnQ=", "not base64 at all");
            assertThat(analysis.getAction()).contains("openssl rand -base64 32");
        }));
    }

    @Test
    void tablePrefixNamesTheTables() {
        withH2("prefix").withPropertyValues("consent.store.jdbc.table-prefix=shop_consent_").run(context -> {
            try (java.sql.Connection connection = context.getBean(javax.sql.DataSource.class).getConnection();
                    java.sql.ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM shop_consent_event")) {
                assertThat(rows.next()).isTrue();
            }
        });
    }

    @Test
    void memoryTypeWinsOverADataSource() {
        withH2("memory").withPropertyValues("consent.store.type=memory").run(context -> {
            assertThat(context).hasSingleBean(InMemoryConsentStore.class)
                    .hasSingleBean(dev.consent4j.store.memory.InMemoryLedgerStore.class)
                    .doesNotHaveBean(dev.consent4j.store.jdbc.JdbcLedgerStore.class)
                    .doesNotHaveBean(ConsentDataSourceScriptDatabaseInitializer.class);
            assertThat(health(context).getDetails()).containsEntry("store", "memory");
        });
    }

    @Test
    void onPostgresqlTheCacheListensForOtherNodesAppendsUntilTheContextClosesAndHealthShowsTheListener() throws Exception {
        javax.sql.DataSource postgres = dev.consent4j.testing.TestDatabases.fromEnvironment(
                dev.consent4j.testing.TestDatabases.POSTGRES);
        try (java.sql.Connection connection = postgres.getConnection(); java.sql.Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS c4jspring_chain_head");
            statement.execute("DROP TABLE IF EXISTS c4jspring_latest");
            statement.execute("DROP TABLE IF EXISTS c4jspring_event");
        }
        ConsentStoreAutoConfiguration.ListeningConsentStore[] store = new ConsentStoreAutoConfiguration.ListeningConsentStore[1];
        runner.withBean(javax.sql.DataSource.class, () -> postgres)
                .withPropertyValues("consent.store.jdbc.initialize-schema=always", "consent.store.jdbc.table-prefix=c4jspring_")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    store[0] = (ConsentStoreAutoConfiguration.ListeningConsentStore) context.getBean(ConsentStore.class);
                    assertThat(store[0].listening()).isTrue();
                    assertThat(((dev.consent4j.store.jdbc.JdbcConsentStore) store[0].cache().store()).notifyChannel())
                            .isEqualTo("c4jspring_changes");
                    assertThat(health(context).getDetails()).containsEntry("store", "postgresql");
                    dev.consent4j.spring.actuate.ConsentStoreHealthIndicator health =
                            context.getBean(dev.consent4j.spring.actuate.ConsentStoreHealthIndicator.class);
                    assertThat(health.health().getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.UP);
                    assertThat(health.health().getDetails().get("invalidations"))
                            .isInstanceOfSatisfying(PostgresInvalidations.Status.class, status -> {
                                assertThat(status.state()).isEqualTo(PostgresInvalidations.Status.State.LISTENING);
                                assertThat(status.reconnects()).isZero();
                                assertThat(status.lastRoundTrip()).isNotNull();
                            });

                    store[0].close();

                    assertThat(health.health().getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.DOWN);
                    assertThat(health.health().getDetails().get("invalidations"))
                            .isInstanceOfSatisfying(PostgresInvalidations.Status.class, status ->
                                    assertThat(status.state()).isEqualTo(PostgresInvalidations.Status.State.STOPPED));
                });
        assertThat(store[0].listening()).isFalse();
    }

    @Test
    void theProvisionLedgerAndPersonalRequestsLiveInTheSameDatabase() {
        withH2("ledger").withPropertyValues("consent.provision.retention=P5Y", "consent.requests.deadlines.JP=P7D")
                .withBean(io.micrometer.core.instrument.MeterRegistry.class,
                        io.micrometer.core.instrument.simple.SimpleMeterRegistry::new)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(dev.consent4j.store.jdbc.JdbcLedgerStore.class);
                    dev.consent4j.provision.ProvisionGate gate = context.getBean(dev.consent4j.provision.ProvisionGate.class);
                    dev.consent4j.request.PersonalRequests requests = context.getBean(dev.consent4j.request.PersonalRequests.class);
                    dev.consent4j.event.SubjectId alice = dev.consent4j.event.SubjectId.customer("alice");
                    dev.consent4j.request.PersonalRequest filed = requests.file(alice, dev.consent4j.request.RequestKind.ERASURE,
                            java.util.List.of(), null, Jurisdiction.JP, null);
                    io.micrometer.core.instrument.MeterRegistry registry =
                            context.getBean(io.micrometer.core.instrument.MeterRegistry.class);

                    assertThat(gate.retention()).isEqualTo(java.time.Period.ofYears(5));
                    assertThat(filed.dueAt()).isEqualTo(filed.receivedAt().plus(java.time.Duration.ofDays(7)));
                    assertThat(requests.find(filed.id())).contains(filed);
                    assertThat(registry.get("consent.requests.open").gauge().value()).isEqualTo(1.0);
                    assertThat(registry.get("consent.requests.overdue").gauge().value()).isZero();
                    assertThat(context.getBean(ConsentEndpoints.class)).isNotNull();
                });
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class OwnFilter {
        ConsentFilter filter;

        @org.springframework.context.annotation.Bean
        ConsentFilter myConsentFilter(ConsentManager consents) {
            filter = ConsentFilter.builder(consents, SigningKeys.of(SigningKey.generate("own"))).build();
            return filter;
        }
    }

    private static FailureAnalysis analyze(Throwable failure) {
        // Only consent4j's own analyzers: Boot's need a bean factory, which a failed context does not have.
        for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation(
                ConsentAutoConfigurationTest.class.getClassLoader()).load(FailureAnalyzer.class, null,
                SpringFactoriesLoader.FailureHandler.handleMessage((message, cause) -> { }))) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null && analyzer.getClass().getPackageName().startsWith("dev.consent4j")) {
                return analysis;
            }
        }
        throw new AssertionError("no consent4j failure analyzer explained " + failure);
    }
}
