package dev.consent4j.examples.quickstart.snippets;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/** docs/spring.md: the consent actuator endpoint for operators only. */
class ActuatorSecuritySnippet {

    void configure(HttpSecurity http) throws Exception {
        // tag::actuator-security[]
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/consent").hasRole("CONSENT_OPERATOR")
                .anyRequest().permitAll());
        // end::actuator-security[]
    }
}
