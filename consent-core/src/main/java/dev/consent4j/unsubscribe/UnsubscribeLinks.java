package dev.consent4j.unsubscribe;

import dev.consent4j.LogSafe;
import dev.consent4j.event.SubjectId;
import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a shop's mailer puts in each marketing message so that recipients can unsubscribe with one
 * click (RFC 8058): the two headers, and a visible link for the body. Add the headers before the
 * message is DKIM-signed, and have the signature cover both; consent4j does not sign mail.
 *
 * <pre>{@code
 * UnsubscribeLinks links = new UnsubscribeLinks(tokens, URI.create("https://shop.example/consent"), null);
 * UnsubscribeLinks.Message m = links.forMessage(customer, "newsletter", "email");
 * mail.setHeader("List-Unsubscribe", m.listUnsubscribe());
 * mail.setHeader("List-Unsubscribe-Post", m.listUnsubscribePost());
 * }</pre>
 */
public final class UnsubscribeLinks {

    /** The only value RFC 8058 allows for {@code List-Unsubscribe-Post}. */
    public static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    private final UnsubscribeTokens tokens;
    private final String endpoint;
    private final @Nullable String mailto;

    /**
     * @param base   the consent endpoints' public HTTPS address, e.g. {@code https://shop.example/consent}
     * @param mailto an address for mail-based unsubscribe in the header too, or {@code null}
     */
    public UnsubscribeLinks(UnsubscribeTokens tokens, URI base, @Nullable String mailto) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(base, "base");
        if (!"https".equalsIgnoreCase(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("RFC 8058 needs an HTTPS address for one-click unsubscribe, but was " + base);
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException("the base address takes no query or fragment, but was " + base);
        }
        String path = base.toString();
        this.endpoint = (path.endsWith("/") ? path : path + "/") + "unsubscribe/";
        if (mailto != null && (mailto.indexOf('>') >= 0 || mailto.indexOf('\r') >= 0 || mailto.indexOf('\n') >= 0
                || mailto.indexOf('@') < 0)) {
            throw new IllegalArgumentException("mailto must be a plain e-mail address, but was " + LogSafe.quote(mailto));
        }
        this.mailto = mailto;
    }

    /** The headers and the body link for one message to {@code subject} about {@code purpose} on {@code channel}. */
    public Message forMessage(SubjectId subject, String purpose, String channel) {
        String url = endpoint + tokens.issue(subject, purpose, channel);
        String header = "<" + url + ">" + (mailto == null ? "" : ", <mailto:" + mailto + "?subject=unsubscribe>");
        return new Message(header, ONE_CLICK, url);
    }

    /**
     * @param listUnsubscribe     the {@code List-Unsubscribe} header value
     * @param listUnsubscribePost the {@code List-Unsubscribe-Post} header value
     * @param bodyLink            the address for a visible "unsubscribe" link in the message body;
     *                            opening it shows a confirmation page, and nothing changes until the
     *                            person confirms
     */
    public record Message(String listUnsubscribe, String listUnsubscribePost, String bodyLink) {
    }
}
