package dev.consent4j.browser;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** WCAG 2.1 contrast ratio of two CSS colours as {@code getComputedStyle} reports them. */
final class Contrast {

    private static final Pattern RGB = Pattern.compile("rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?\\)");

    private Contrast() {
    }

    static double ratio(String foreground, String background) {
        double a = luminance(opaque(foreground));
        double b = luminance(opaque(background));
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    private static double[] opaque(String css) {
        Matcher m = RGB.matcher(css);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an rgb() or rgba() colour: '" + css + "'");
        }
        if (m.group(4) != null && Double.parseDouble(m.group(4)) < 1) {
            throw new IllegalArgumentException("a translucent colour has no contrast of its own: '" + css + "'");
        }
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))};
    }

    private static double luminance(double[] rgb) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double s = rgb[i] / 255;
            c[i] = s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
