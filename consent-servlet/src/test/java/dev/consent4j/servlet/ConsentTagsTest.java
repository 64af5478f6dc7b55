package dev.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.servlet.testing.JettyShop;
import dev.consent4j.servlet.testing.ShopFixture;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The head tags, written by a page of a real Jetty context, lead to the assets the endpoints serve there. */
class ConsentTagsTest {

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    private final ShopFixture shop = new ShopFixture();

    @Test
    void tagsInTheRootContextAreTheOnesTheBannerDocumentShows() throws Exception {
        try (JettyShop server = shopWithPage("", "/consent", "/consent/*")) {
            String page = server.get("/").body();

            assertThat(page).contains("<script src=\"/consent/assets/consent.js\" data-base=\"/consent\"></script>\n"
                    + "<link rel=\"stylesheet\" href=\"/consent/assets/consent.css\">\n");
            assertAssetsServed(server, page);
        }
    }

    @Test
    void tagsOfAWarUnderAContextPathCarryItAndTheAssetsAreServedThere() throws Exception {
        try (JettyShop server = shopWithPage("/shop", "/privacy", "/privacy/*")) {
            String page = server.get("/shop/").body();

            assertThat(page).contains("src=\"/shop/privacy/assets/consent.js\"", "data-base=\"/shop/privacy\"",
                    "href=\"/shop/privacy/assets/consent.css\"");
            assertAssetsServed(server, page);
        }
    }

    @Test
    void charactersThatWouldEndTheAttributeAreEscaped() throws Exception {
        try (JettyShop server = shopWithPage("", "/c\"'<&>", "/consent/*")) {
            String page = server.get("/").body();

            assertThat(page).contains("src=\"/c&quot;&#39;&lt;&amp;&gt;/assets/consent.js\"")
                    .doesNotContain("/c\"");
        }
    }

    @Test
    void aBasePathWithoutItsLeadingSlashOrWithATrailingOneIsRefused() {
        assertThatThrownBy(() -> ConsentTags.head(null, "consent"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("like /consent");
        assertThatThrownBy(() -> ConsentTags.head(null, "/consent/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/consent/");
    }

    private static void assertAssetsServed(JettyShop server, String page) throws Exception {
        List<String> assets = new ArrayList<>();
        Matcher matcher = ASSET.matcher(page);
        while (matcher.find()) {
            assets.add(matcher.group(1));
        }
        assertThat(assets).hasSize(2);
        for (String asset : assets) {
            HttpResponse<String> response = server.get(asset);
            assertThat(response.statusCode()).as(asset).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(asset)
                    .startsWith(asset.endsWith(".js") ? "text/javascript" : "text/css");
        }
    }

    private JettyShop shopWithPage(String contextPath, String basePath, String endpointsMapping) throws Exception {
        ConsentFilter filter = shop.filter().jurisdictions(JurisdictionResolver.fixed(Jurisdiction.JP)).build();
        ConsentEndpoints endpoints = ConsentEndpoints.builder(shop.consents,
                new UnsubscribeTokens(shop.keys, shop.clock)).build();
        return new JettyShop().contextPath(contextPath.isEmpty() ? "/" : contextPath)
                .filter(filter, "/*")
                .servlet(endpoints, endpointsMapping)
                .servlet(new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                        response.setContentType("text/html;charset=UTF-8");
                        response.getWriter().write("<!doctype html><html><head><title>Page</title>\n"
                                + ConsentTags.head(request, basePath) + "</head><body></body></html>");
                    }
                }, "/")
                .start();
    }
}
