package dev.consent4j.examples.spring;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/** Two demo customers and an operator; the rest of the shop is open. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/account/**").hasRole("CUSTOMER")
                        .requestMatchers("/operator/**").hasRole("CONSENT_OPERATOR")
                        .anyRequest().permitAll())
                .formLogin(login -> login.defaultSuccessUrl("/account", false))
                .httpBasic(org.springframework.security.config.Customizer.withDefaults())
                .logout(logout -> logout.logoutSuccessUrl("/"))
                // consent4j's endpoints check Origin and Sec-Fetch-Site themselves, mail clients
                // posting one-click unsubscribes carry no CSRF token, and a guardian's link is its own
                // authority (the guardian is not signed in).
                .csrf(csrf -> csrf.ignoringRequestMatchers("/consent/**"))
                .build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("hanako").password("{noop}hanako").roles("CUSTOMER").build(),
                User.withUsername("taro").password("{noop}taro").roles("CUSTOMER").build(),
                // A 15-year-old member: below the policy's guardian age in JP (see DemoCustomers.ages).
                User.withUsername("yuki").password("{noop}yuki").roles("CUSTOMER").build(),
                User.withUsername("operator").password("{noop}operator").roles("CONSENT_OPERATOR").build());
    }
}
