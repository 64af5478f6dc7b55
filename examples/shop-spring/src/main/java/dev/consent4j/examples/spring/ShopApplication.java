package dev.consent4j.examples.spring;

import dev.consent4j.examples.shop.StubTrackers;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/** Tsukimi Kashiho (月見菓子舗), a fictional sweets shop, with consent4j added as one dependency. */
@SpringBootApplication
public class ShopApplication {

    private static final Logger LOG = LoggerFactory.getLogger(ShopApplication.class);

    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }

    @Bean(destroyMethod = "close")
    StubTrackers stubTrackers(@Value("${shop.trackers.port}") int port) throws IOException {
        return new StubTrackers(port);
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
            StubTrackers trackers = event.getApplicationContext().getBean(StubTrackers.class);
            LOG.info("Tsukimi Kashiho is open at http://localhost:{}/ (tracker hits: {}/hits)",
                    web.getWebServer().getPort(), trackers.origin());
        }
    }
}
