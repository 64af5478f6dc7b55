package dev.consent4j.spring;

import dev.consent4j.ConsentManager;
import dev.consent4j.guardian.GuardianConsentTokens;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.servlet.ConsentCookieSettings;
import dev.consent4j.request.PersonalRequests;
import dev.consent4j.servlet.ConsentEndpoints;
import dev.consent4j.servlet.ConsentFilter;
import dev.consent4j.servlet.ConsentFilter.CspMode;
import dev.consent4j.servlet.EnforcementListener;
import dev.consent4j.servlet.JurisdictionResolver;
import dev.consent4j.servlet.CustomerAgeResolver;
import dev.consent4j.servlet.SubjectResolver;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.spring.web.ConsentGuardInterceptor;
import dev.consent4j.spring.web.ConsentStateArgumentResolver;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The {@link ConsentFilter}, registered after Spring Security's filter chain so the principal is
 * known ({@link ConsentFilter#DEFAULT_ORDER}), and the {@link ConsentEndpoints} under
 * {@code consent.base-path}. With Spring MVC, controllers can take a {@code ConsentState}
 * parameter and be guarded with {@link RequiresConsent}.
 */
@AutoConfiguration(after = ConsentAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "consent.enabled", matchIfMissing = true)
public final class ConsentWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SubjectResolver consentSubjectResolver() {
        return SubjectResolver.PRINCIPAL;
    }

    @Bean
    @ConditionalOnMissingBean
    JurisdictionResolver consentJurisdictionResolver(ConsentProperties properties) {
        Jurisdiction fallback = Jurisdiction.of(properties.defaultJurisdiction());
        return JurisdictionResolver.named(properties.jurisdiction().from(), fallback);
    }

    @Bean
    @ConditionalOnMissingBean
    ConsentFilter consentFilter(ConsentManager consents, SigningKeys keys, ConsentProperties properties,
            SubjectResolver subjects, JurisdictionResolver jurisdictions,
            ObjectProvider<EnforcementListener> listeners, ObjectProvider<CustomerAgeResolver> ages) {
        ConsentProperties.Csp csp = properties.csp();
        return ConsentFilter.builder(consents, keys)
                .cookie(new ConsentCookieSettings(properties.cookie().name(), properties.cookie().secure()))
                .subjects(subjects)
                // A shop that knows its customers' ages defines a CustomerAgeResolver bean; minors rules then apply per request.
                .ages(ages.getIfUnique(() -> CustomerAgeResolver.NONE))
                .jurisdictions(jurisdictions)
                .undeclaredCookies(properties.undeclaredCookies())
                .contentSecurityPolicy(csp.mode(), csp.basePolicy())
                .cspReportPath(csp.mode() != CspMode.OFF && csp.report() ? basePath(properties) + "/csp-report" : null)
                .listener(EnforcementListeners.of(listeners.orderedStream().toList(), consents.clock()))
                .storeTimeout(properties.store().timeout())
                .build();
    }

    @Bean
    @ConditionalOnMissingBean(name = "consentFilterRegistration")
    FilterRegistrationBean<ConsentFilter> consentFilterRegistration(ConsentFilter filter) {
        FilterRegistrationBean<ConsentFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(ConsentFilter.DEFAULT_ORDER);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        registration.setAsyncSupported(true);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    ConsentEndpoints consentEndpoints(ConsentManager consents, UnsubscribeTokens tokens, GuardianConsentTokens guardianTokens,
            ConsentProperties properties, ObjectProvider<PersonalRequests> requests, ObjectProvider<EnforcementListener> listeners) {
        String home = properties.pages().home();
        return ConsentEndpoints.builder(consents, tokens).requests(requests.getIfAvailable())
                .guardianTokens(guardianTokens)
                .sessionGuardianConsent(properties.guardian().allowFromSession())
                .listener(EnforcementListeners.of(listeners.orderedStream().toList(), consents.clock()))
                .home(home == null || home.isBlank() ? null : home).themes(properties.pages().themes()).build();
    }

    @Bean
    @ConditionalOnMissingBean(name = "consentEndpointsRegistration")
    ServletRegistrationBean<ConsentEndpoints> consentEndpointsRegistration(ConsentEndpoints endpoints,
            ConsentProperties properties) {
        ServletRegistrationBean<ConsentEndpoints> registration = new ServletRegistrationBean<>(endpoints,
                basePath(properties) + "/*", "/.well-known/gpc.json");
        registration.setName("consentEndpoints");
        registration.setLoadOnStartup(1);
        return registration;
    }

    /**
     * Answers 400 for odd spellings of the endpoints' paths ({@code //consent//state}) before Spring
     * Security's filter chain, whose request path parsing would otherwise fail on them with a 500.
     */
    @Bean
    @ConditionalOnMissingBean(name = "consentEndpointPathFilterRegistration")
    FilterRegistrationBean<EndpointPathFilter> consentEndpointPathFilterRegistration(
            ServletRegistrationBean<ConsentEndpoints> consentEndpointsRegistration) {
        FilterRegistrationBean<EndpointPathFilter> registration = new FilterRegistrationBean<>(new EndpointPathFilter());
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setAsyncSupported(true);
        // The servlet's own URL patterns: filters mapped by servlet name run after all mapped by URL.
        registration.setUrlPatterns(consentEndpointsRegistration.getUrlMappings());
        return registration;
    }

    static String basePath(ConsentProperties properties) {
        String base = properties.basePath();
        if (base == null || !base.startsWith("/") || base.contains("..") || base.contains("*") || base.contains("?")) {
            throw new IllegalStateException("consent.base-path must be a path such as /consent, but was '" + base + "'");
        }
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** Controller support when Spring MVC is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebMvcConfigurer.class)
    static final class ConsentMvcConfiguration implements WebMvcConfigurer {

        private final ConsentProperties properties;

        ConsentMvcConfiguration(ConsentProperties properties) {
            this.properties = properties;
        }

        @Override
        public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
            resolvers.add(new ConsentStateArgumentResolver());
        }

        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(new ConsentGuardInterceptor(properties.guard().status()));
        }

        /** Checks the topics every {@code @RequiresConsent} names once the handlers are known. */
        @Bean
        static SmartInitializingSingleton consentGuardCheck(ListableBeanFactory beans,
                ObjectProvider<ConsentManager> consents) {
            return () -> {
                ConsentManager manager = consents.getIfAvailable();
                if (manager == null) {
                    return;
                }
                for (RequestMappingHandlerMapping mapping : beans.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
                    ConsentGuardInterceptor.check(manager.policy(), mapping.getHandlerMethods().values());
                }
            };
        }
    }
}
