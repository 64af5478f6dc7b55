package dev.consent4j.servlet;

import dev.consent4j.servlet.badrequests.BadRequest.Caller;
import dev.consent4j.servlet.badrequests.BadRequestTableContract;
import dev.consent4j.servlet.badrequests.Server;
import dev.consent4j.servlet.badrequests.Target;
import dev.consent4j.servlet.testing.TomcatShop;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The bad-request table on embedded Tomcat. */
class BadRequestTableTomcatTest extends BadRequestTableContract {

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
    protected Target target() {
        return SHOP.target();
    }

    @Override
    protected List<String> signIn(Caller caller) {
        return BadRequestShop.signIn(caller);
    }

    @Override
    protected long storedState() {
        return SHOP.storedState();
    }
}
