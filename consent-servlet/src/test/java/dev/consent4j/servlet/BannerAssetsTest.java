package dev.consent4j.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

/**
 * The banner assets as the jar ships them: within the size budget, and written so that a strict
 * Content-Security-Policy never has to allow inline code or inline style for them. How they
 * behave is tested in a real browser in consent-browser-tests.
 */
class BannerAssetsTest {

    /** Issue 6: script and stylesheet together, each gzipped at level 9. */
    private static final int BUDGET_GZIP_BYTES = 6_000;

    @Test
    void scriptAndStylesheetTogetherStayWithinTheGzipBudget() throws IOException {
        int total = gzip9(asset("consent.js")).length + gzip9(asset("consent.css")).length;
        assertThat(total).as("gzip -9 of consent.js + consent.css").isLessThanOrEqualTo(BUDGET_GZIP_BYTES);
    }

    @Test
    void scriptNeedsNoUnsafeInlineOrUnsafeEval() throws IOException {
        String js = new String(asset("consent.js"), UTF_8);
        assertThat(js).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                "new Function", "setAttribute('style'", ".style.", "cssText", "setTimeout('", "javascript:");
    }

    @Test
    void assetsAreAsciiSoTheyReadTheSameInAnyPageEncoding() throws IOException {
        for (String name : new String[] {"consent.js", "consent.css"}) {
            for (byte b : asset(name)) {
                assertThat(b).as(name).isGreaterThanOrEqualTo((byte) 0);
            }
        }
    }

    @Test
    void stylesheetLoadsNothingElse() throws IOException {
        String css = new String(asset("consent.css"), UTF_8);
        assertThat(css).doesNotContain("@import", "url(", "expression(");
    }

    private static byte[] asset(String name) throws IOException {
        try (InputStream in = BannerAssetsTest.class.getResourceAsStream("/META-INF/resources/consent4j/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static byte[] gzip9(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
