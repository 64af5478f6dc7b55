package dev.consent4j.servlet;

import dev.consent4j.servlet.badrequests.Server;
import dev.consent4j.servlet.testing.TomcatShop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The bad-request table on embedded Tomcat. */
class BadRequestTableTomcatTest extends BadRequestShopTable {

    private static final BadRequestShop SHOP = new BadRequestShop();
    private static TomcatShop server;

    @BeforeAll
    static void start() throws Exception {
        server = new TomcatShop().filter(SHOP.filter, "/*").servlet(SHOP.endpoints, "/consent/*")
                .servlet(SHOP.endpoints, "/.well-known/gpc.json").start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Override
    protected Server server() {
        return Server.TOMCAT;
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
