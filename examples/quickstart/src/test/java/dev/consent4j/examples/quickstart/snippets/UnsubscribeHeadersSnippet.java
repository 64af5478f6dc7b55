package dev.consent4j.examples.quickstart.snippets;

// tag::unsubscribe-headers[]
import dev.consent4j.unsubscribe.UnsubscribeLinks;
import java.net.URI;
// end::unsubscribe-headers[]
import dev.consent4j.event.SubjectId;
import dev.consent4j.unsubscribe.UnsubscribeTokens;

/** README, the headers a mailer adds to each marketing message. */
class UnsubscribeHeadersSnippet {

    /** Stands in for the shop's mail library's message. */
    interface Mail {
        void setHeader(String name, String value);
    }

    void run(UnsubscribeTokens tokens, SubjectId customer, Mail mail, StringBuilder body) {
        // tag::unsubscribe-headers[]
        UnsubscribeLinks links = new UnsubscribeLinks(tokens, URI.create("https://shop.example/consent"), null);
        UnsubscribeLinks.Message m = links.forMessage(customer, "newsletter", "email");
        mail.setHeader("List-Unsubscribe", m.listUnsubscribe());          // <https://shop.example/consent/unsubscribe/u.k1…>
        mail.setHeader("List-Unsubscribe-Post", m.listUnsubscribePost()); // List-Unsubscribe=One-Click
        body.append("Unsubscribe: ").append(m.bodyLink());
        // end::unsubscribe-headers[]
    }
}
