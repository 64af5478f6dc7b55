package dev.consent4j.spring.app;

import dev.consent4j.spring.RequiresConsent;
import dev.consent4j.state.ConsentState;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A small shop on the real stack: Spring Security with one customer and one operator, consent4j auto-configured. */
@SpringBootApplication
public class TestShopApplication {

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .httpBasic(Customizer.withDefaults())
                // The consent endpoints refuse cross-site requests themselves (Origin, Sec-Fetch-Site),
                // and mail clients posting one-click unsubscribes carry no CSRF token.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/consent/**", "/ads/**"))
                .build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}secret").roles("CUSTOMER").build(),
                User.withUsername("olga").password("{noop}secret").roles("CONSENT_OPERATOR").build());
    }

    @RestController
    static class ShopController {

        @GetMapping("/hello")
        String hello(ConsentState state) {
            return state.subject() + " ads=" + state.allows("targeted-ads");
        }

        @PostMapping("/ads/audience")
        @RequiresConsent(purpose = "targeted-ads")
        String shareWithAdNetwork() {
            return "shared";
        }

        @GetMapping("/set-tracker")
        void setTracker(jakarta.servlet.http.HttpServletResponse response) {
            response.addCookie(new jakarta.servlet.http.Cookie("_fbp", "fb.1"));
        }
    }
}
