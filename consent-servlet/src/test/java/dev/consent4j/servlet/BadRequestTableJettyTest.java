package dev.consent4j.servlet;

import dev.consent4j.servlet.badrequests.Server;
import dev.consent4j.servlet.testing.JettyShop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The bad-request table on Jetty 12. */
class BadRequestTableJettyTest extends BadRequestShopTable {

    private static final BadRequestShop SHOP = new BadRequestShop();
    private static JettyShop server;

    @BeforeAll
    static void start() throws Exception {
        server = new JettyShop().filter(SHOP.filter, "/*").servlet(SHOP.endpoints, "/consent/*")
                .servlet(SHOP.endpoints, "/.well-known/gpc.json").start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Override
    protected Server server() {
        return Server.JETTY;
    }

    @Override
    protected int port() {
        return server.port();
    }

    @Override
    protected BadRequestShop shop() {
        return SHOP;
    }
}
