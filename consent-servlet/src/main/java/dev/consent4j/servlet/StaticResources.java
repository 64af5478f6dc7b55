package dev.consent4j.servlet;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;

/** What never depends on the visitor: {@code /.well-known/gpc.json} and the banner's assets. */
final class StaticResources {

    private static final String ASSETS = "/META-INF/resources/consent4j/";

    /** The body of {@code /.well-known/gpc.json}. */
    record GpcJson(boolean gpc, String lastUpdate) {
    }

    private final LocalDate gpcLastUpdate;

    StaticResources(LocalDate gpcLastUpdate) {
        this.gpcLastUpdate = gpcLastUpdate;
    }

    void gpcJson(HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "public, max-age=86400");
        JsonIo.write(response, 200, new GpcJson(true, gpcLastUpdate.toString()));
    }

    void asset(HttpServletResponse response, String name) throws IOException {
        if (!name.equals("consent.js") && !name.equals("consent.css") && !name.equals("page.css")) {
            throw new Problem(404, "Not found", "the assets are consent.js, consent.css and page.css");
        }
        try (InputStream in = StaticResources.class.getResourceAsStream(ASSETS + name)) {
            if (in == null) {
                throw new Problem(404, "Not found", "asset missing from the jar: " + name);
            }
            byte[] bytes = in.readAllBytes();
            response.setContentType(name.endsWith(".js") ? "text/javascript" : "text/css");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "public, max-age=3600");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }
}
