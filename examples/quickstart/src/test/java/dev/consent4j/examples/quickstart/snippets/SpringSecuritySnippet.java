package dev.consent4j.examples.quickstart.snippets;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/** docs/spring.md: the consent endpoints exempted from CSRF protection. */
class SpringSecuritySnippet {

    void run(HttpSecurity http) throws Exception {
        // tag::spring-security-csrf[]
        http.csrf(csrf -> csrf.ignoringRequestMatchers("/consent/**"));
        // end::spring-security-csrf[]
    }
}
