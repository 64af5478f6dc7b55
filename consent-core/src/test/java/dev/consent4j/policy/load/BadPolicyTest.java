package dev.consent4j.policy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.policy.Policy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each row breaks one thing in a valid policy and expects one error at one path. */
class BadPolicyTest {

    /** A small valid policy; every row below edits it. Line numbers matter to some rows. */
    static final String VALID = """
            id: test-shop
            version: "2"
            effective-date: 2026-01-01
            languages: [ja, en]
            operator:
              name: {ja: 試験商店, en: Test Shop}
              address: {ja: 東京都, en: Tokyo}
              representative: {ja: 代表 太郎, en: Taro Daihyo}
            data-items:
              - {id: email, title: {ja: メール, en: E-mail}}
              - {id: health, title: {ja: 健康, en: Health}, sensitive: true}
            purposes:
              - id: delivery
                title: {ja: 配送, en: Delivery}
                basis: necessary
                recipients: [courier]
              - id: newsletter
                title: {ja: メルマガ, en: Newsletter}
                basis: opt-in
                channels: [email]
                message-kind: subscription
                data-items: [email]
            cookie-categories:
              - id: necessary
                title: {ja: 必須, en: Necessary}
                basis: necessary
                cookies:
                  - {name: JSESSIONID, justification: {ja: ログイン, en: Sign-in}}
              - id: analytics
                title: {ja: 分析, en: Analytics}
                basis: {default: opt-out, EU: opt-in}
                cookies:
                  - {name: "_ga_*"}
            recipients:
              - id: courier
                name: {ja: 配送社, en: Courier}
                relation: processor
                country: JP
              - id: stats
                name: {ja: 統計社, en: Stats Co}
                relation: processor
                country: JP
                hosts: [stats.example]
            trackers:
              - id: stats-tag
                recipient: stats
                category: analytics
                hosts: [stats.example]
                cookies: ["_ga_*"]
                sends:
                  - {ja: 閲覧ページ, en: Pages viewed}
            history:
              - {version: "1", changed: []}
              - {version: "2", changed: [newsletter]}
            """;

    static Stream<Arguments> mistakes() {
        return Stream.of(
                row("unknown top-level key", "id: test-shop", "id: test-shop\npurpose: []", "purpose",
                        "unknown key 'purpose'; did you mean 'purposes'?"),
                row("duplicate purpose id", "  - id: newsletter", "  - id: delivery", "purposes[1].id",
                        "duplicate id 'delivery'"),
                row("purpose names an unknown recipient", "recipients: [courier]", "recipients: [curier]",
                        "purposes[0].recipients[0]", "unknown recipient 'curier'; did you mean 'courier'?"),
                row("purpose names an unknown data item", "data-items: [email]\ncookie", "data-items: [e-mail]\ncookie",
                        "purposes[1].data-items[0]", "unknown data item 'e-mail'"),
                row("purpose names an unknown channel", "channels: [email]", "channels: [fax]",
                        "purposes[1].channels[0]", "unknown channel 'fax'"),
                row("missing Japanese title", "title: {ja: 配送, en: Delivery}", "title: {en: Delivery}",
                        "purposes[0].title.ja", "the 'ja' text is missing"),
                row("text in an undeclared language", "title: {ja: 配送, en: Delivery}",
                        "title: {ja: 配送, en: Delivery, fr: Livraison}", "purposes[0].title.fr",
                        "language 'fr' is not one of the policy's languages"),
                row("basis that does not exist", "basis: opt-in\n    channels", "basis: opt-maybe\n    channels",
                        "purposes[1].basis", "basis must be necessary, opt-in, opt-out or notice, but was 'opt-maybe'"),
                row("bad jurisdiction code in an override", "{default: opt-out, EU: opt-in}",
                        "{default: opt-out, Europe: opt-in}", "cookie-categories[1].basis.Europe",
                        "'Europe' is not a jurisdiction code"),
                row("e-mail newsletter on opt-out in Japan", "basis: opt-in\n    channels", "basis: opt-out\n    channels",
                        "purposes[1].basis", "特定電子メール法 3条", "jp-email-opt-in"),
                row("analytics cookies on opt-out in the EU", "{default: opt-out, EU: opt-in}", "opt-out",
                        "cookie-categories[1].basis", "ePrivacy Directive art. 5(3)", "eprivacy-cookie-consent"),
                row("necessary cookie without justification", "{name: JSESSIONID, justification: {ja: ログイン, en: Sign-in}}",
                        "{name: JSESSIONID}", "cookie-categories[0].cookies[0].justification",
                        "a strictly necessary cookie needs a justification", "eprivacy-strictly-necessary"),
                row("malformed cookie pattern", "{name: \"_ga_*\"}", "{name: \"_ga *\"}",
                        "cookie-categories[1].cookies[0].name", "is not a cookie name or pattern"),
                row("malformed tracker host", "hosts: [stats.example]\ntrackers", "hosts: [\"https://stats.example/x\"]\ntrackers",
                        "recipients[1].hosts[0]", "is not a host name"),
                row("tracker in an unknown category", "category: analytics", "category: analytic",
                        "trackers[0].category", "unknown cookie category 'analytic'; did you mean 'analytics'?"),
                row("tracker cookie not declared in its category", "cookies: [\"_ga_*\"]", "cookies: [_fbp]",
                        "trackers[0].cookies[0]", "cookie '_fbp' is not declared in cookie category 'analytics'"),
                row("joint user without its joint-use block", "relation: processor\n    country: JP\n  - id: stats",
                        "relation: joint-user\n    country: JP\n  - id: stats", "recipients[0].joint-use",
                        "required field 'joint-use' is missing", "appi-27-joint-use"),
                row("joint use without the responsible party's address",
                        "relation: processor\n    country: JP\n  - id: stats",
                        "relation: joint-user\n    country: JP\n    joint-use:\n      data-items: [email]\n"
                                + "      joint-users: {ja: 当社, en: Us}\n      purposes: {ja: 特典, en: Benefits}\n"
                                + "      responsible:\n        name: {ja: 当社, en: Us}\n"
                                + "        representative: {ja: 代表, en: Head}\n  - id: stats",
                        "recipients[0].joint-use.responsible.address", "required field 'address' is missing",
                        "appi-27-joint-use"),
                row("foreign third party without transfer information",
                        "relation: processor\n    country: JP\n  - id: stats",
                        "relation: third-party\n    country: US\n  - id: stats", "recipients[0].foreign-transfer",
                        "APPI art. 28", "appi-28-foreign-transfer"),
                row("opt-out route for special-care data",
                        "relation: processor\n    country: JP\n  - id: stats",
                        "relation: third-party\n    country: JP\n    data-items: [health]\n    opt-out-route:\n"
                                + "      acquisition-method: {ja: a, en: a}\n      provision-method: {ja: b, en: b}\n"
                                + "      request-method: {ja: c, en: c}\n      update-method: {ja: d, en: d}\n"
                                + "      start-date: 2026-05-01\n  - id: stats",
                        "recipients[0].opt-out-route", "special-care data ('health')", "appi-27-opt-out-route"),
                row("opt-out route missing an item",
                        "relation: processor\n    country: JP\n  - id: stats",
                        "relation: third-party\n    country: JP\n    opt-out-route:\n"
                                + "      acquisition-method: {ja: a, en: a}\n      provision-method: {ja: b, en: b}\n"
                                + "      request-method: {ja: c, en: c}\n      start-date: 2026-05-01\n  - id: stats",
                        "recipients[0].opt-out-route.update-method", "required field 'update-method' is missing", "appi-27-opt-out-route"),
                row("unknown relation", "relation: processor\n    country: JP\n  - id: stats",
                        "relation: partner\n    country: JP\n  - id: stats", "recipients[0].relation",
                        "relation must be third-party, processor, joint-user or successor, but was 'partner'"),
                row("misspelt relation", "relation: processor\n    country: JP\n  - id: stats",
                        "relation: sucessor\n    country: JP\n  - id: stats", "recipients[0].relation",
                        "did you mean 'successor'?"),
                row("unknown legal ground", COURIER, THIRD_PARTY_COURIER + "    legal-grounds:\n"
                        + "      - {ground: laws-and-regulation}\n  - id: stats", "recipients[0].legal-grounds[0].ground",
                        "unknown legal ground 'laws-and-regulation'; did you mean 'laws-and-regulations'?"),
                row("joint-use ground without the joint-use items", COURIER, THIRD_PARTY_COURIER
                        + "    legal-grounds: [{ground: joint-use}]\n  - id: stats", "recipients[0].legal-grounds[0].ground",
                        "joint use needs relation joint-user and a joint-use block with the announced items", "appi-27-ground-relation"),
                row("entrustment ground on a third party", COURIER, THIRD_PARTY_COURIER
                        + "    legal-grounds: [{ground: entrustment}]\n  - id: stats", "recipients[0].legal-grounds[0].ground",
                        "is for a recipient whose relation is processor, but this one is third-party", "appi-27-ground-relation"),
                row("an art. 27(1) ground on a processor", COURIER, "relation: processor\n    country: JP\n"
                        + "    legal-grounds: [{ground: laws-and-regulations}]\n  - id: stats",
                        "recipients[0].legal-grounds[0].ground", "is an exception for provision to a third party", "appi-27-third-party-consent"),
                row("ground for a purpose the recipient does not serve", COURIER, THIRD_PARTY_COURIER
                        + "    legal-grounds: [{ground: laws-and-regulations, purposes: [delivry]}]\n  - id: stats",
                        "recipients[0].legal-grounds[0].purposes[0]",
                        "unknown purpose of this recipient 'delivry'; did you mean 'delivery'?"),
                row("recipient purpose misspelt", COURIER, THIRD_PARTY_COURIER.replace("[delivery]", "[delivry]")
                        + "  - id: stats", "recipients[0].purposes[0]", "unknown purpose 'delivry'; did you mean 'delivery'?"),
                row("tracker names a misspelt recipient", "recipient: stats", "recipient: stat", "trackers[0].recipient",
                        "unknown recipient 'stat'; did you mean 'stats'?"),
                row("minor rule names a misspelt purpose", "history:", "minors:\n  - {jurisdiction: JP, "
                        + "guardian-below-age: 16, purposes: [newsleter]}\nhistory:", "minors[0].purposes[0]",
                        "unknown purpose or cookie category 'newsleter'; did you mean 'newsletter'?"),
                row("category \"and others\" without an example", "hosts: [stats.example]\ntrackers",
                        "hosts: [stats.example]\n    and-others: true\ntrackers", "recipients[1].examples",
                        "names at least one example"),
                row("data source without the provider's address", "history:", SOURCE.replace(
                        "      address: {ja: 大阪, en: Osaka}\n", "") + "history:", "sources[0].provider.address",
                        "required field 'address' is missing", "appi-30-source-records"),
                row("data source of a corporation without its representative", "history:", SOURCE.replace(
                        "      representative: {ja: 代表, en: Head}\n", "") + "history:",
                        "sources[0].provider.representative", "required field 'representative' is missing", "appi-30-source-records"),
                row("data source without how the provider obtained the data", "history:", SOURCE.replace(
                        "    acquisition: {ja: 会員登録, en: Sign-up}\n", "") + "history:", "sources[0].acquisition",
                        "required field 'acquisition' is missing", "appi-30-source-records"),
                row("data source with a misspelt data item", "history:", SOURCE.replace("[email]", "[emial]")
                        + "history:", "sources[0].data-items[0]", "unknown data item 'emial'; did you mean 'email'?"),
                row("data source that names no data item", "history:", SOURCE.replace("    data-items: [email]\n", "")
                        + "history:", "sources[0].data-items", "names the data items received", "appi-30-source-records"),
                row("data-abroad without its countries", "history:", "data-abroad: {note: {ja: なし, en: None}}\nhistory:",
                        "data-abroad.countries", "write countries: []", "appi-32-handling-abroad"),
                row("data-abroad listing Japan", "history:", "data-abroad: {countries: [JP]}\nhistory:",
                        "data-abroad.countries[0]", "countries other than Japan"),
                row("change of an unknown kind", REVISION_2, "{version: \"2\", changes: [{topic: newsletter, "
                        + "change: chnaged, description: {ja: 変更, en: Changed}}]}", "history[1].changes[0].change",
                        "change must be added, changed or removed, but was 'chnaged'; did you mean 'changed'?"),
                row("change without a description", REVISION_2, "{version: \"2\", changes: [{topic: newsletter, "
                        + "change: changed}]}", "history[1].changes[0].description", "required field 'description' is missing"),
                row("change of a misspelt topic", REVISION_2, "{version: \"2\", changes: [{topic: newsleter, "
                        + "change: changed, description: {ja: 変更, en: Changed}}]}", "history[1].changes[0].topic",
                        "unknown purpose or cookie category 'newsleter'; did you mean 'newsletter'?"),
                row("a removed topic still declared", REVISION_2, "{version: \"2\", changes: [{topic: newsletter, "
                        + "change: removed, description: {ja: 終了, en: Ended}}]}", "history[1].changes[0].topic",
                        "is removed in the history but the policy still declares it"),
                row("unquoted comma in an inline text", "title: {ja: 配送, en: Delivery}",
                        "title: {ja: 配送, 決済, en: Delivery}", "purposes[0].title.決済",
                        "quote this text: an unquoted ',' inside {…} ends a text, so '決済' was read as a key of its own; "
                                + "write ja: \"配送, 決済\""),
                row("unquoted comma in an inline map's last text", "{id: email, title: {ja: メール, en: E-mail}}",
                        "{id: email, title: {ja: メール, en: E-mail}, address}", "data-items[0].address",
                        "quote this text"),
                row("unquoted ': ' in an inline text", "title: {ja: 配送, en: Delivery}",
                        "title: {ja: 配送, en: Delivery: next day}", "",
                        "quote this text: inside {…} or […] a ': ', ' #' or ',' ends a text early, so the part after it "
                                + "was read as something else; write en: \"Delivery: next day\""),
                row("unquoted '*' at the start of a host", "hosts: [stats.example]\ntrackers",
                        "hosts: [*.stats.example]\ntrackers", "",
                        "quote this text: a text that starts with '*' must be in quotes, or YAML reads it as a reference "
                                + "to an anchor; write \"*.stats.example\""),
                row("current version missing from the history", "version: \"2\", changed: [newsletter]",
                        "version: \"3\", changed: [newsletter]", "history", "does not list the current version '2'"),
                row("history names an unknown topic", "changed: [newsletter]", "changed: [newsleter]",
                        "history[1].changed[0]", "unknown purpose or cookie category 'newsleter'"),
                row("history names a channel the purpose does not use", "changed: [newsletter]", "changed: [\"newsletter:phone\"]",
                        "history[1].changed[0]", "'phone' is not a channel of purpose 'newsletter' [email]"),
                row("history names a channel of a cookie category", "changed: [newsletter]", "changed: [\"analytics:email\"]",
                        "history[1].changed[0]", "'analytics' is a cookie category or a removed purpose, and has no channels"),
                row("a removed channel the purpose still uses", REVISION_2, "{version: \"2\", changes: [{topic: \"newsletter:email\", "
                        + "change: removed, description: {ja: 終了, en: Ended}}]}", "history[1].changes[0].topic",
                        "'newsletter:email' is removed in the history but the policy still declares it"),
                row("list where text belongs", "id: test-shop", "id: [test-shop]", "id",
                        "expected text but found a list"),
                row("text where a list belongs", "recipients: [courier]", "recipients: courier",
                        "purposes[0].recipients", "expected a list but found text 'courier'"),
                row("bad date", "effective-date: 2026-01-01", "effective-date: 2026-13-01", "effective-date",
                        "must be a date such as 2026-04-01"),
                row("bad consent validity", "id: test-shop", "id: test-shop\nconsent-validity: 12 months",
                        "consent-validity", "positive ISO-8601 period"),
                row("duplicate key", "id: test-shop", "id: test-shop\nid: other-shop", "id",
                        "duplicate key 'id'"),
                row("invalid id characters", "  - id: newsletter", "  - id: News Letter", "purposes[1].id",
                        "an id is 1 to 64 characters"),
                row("minor rule with an impossible age", "history:", "minors:\n  - {jurisdiction: JP, guardian-below-age: 0}\nhistory:",
                        "minors[0].guardian-below-age", "whole number of years from 1 to 25"),
                row("e-mail on opt-out in one channel of a purpose", "channels: [email]\n    message-kind",
                        "channels: [email, post]\n    channel-basis: {email: opt-out, post: opt-out}\n    message-kind",
                        "purposes[1].channel-basis.email", "特定電子メール法 3条", "jp-email-opt-in"),
                row("e-mail on opt-out in Japan only, inside a channel", "channels: [email]\n    message-kind",
                        "channels: [email]\n    channel-basis: {email: {default: opt-in, JP: opt-out}}\n    message-kind",
                        "purposes[1].channel-basis.email", "must be opt-in in JP", "jp-email-opt-in"),
                row("a basis for a channel the purpose does not use", "channels: [email]\n    message-kind",
                        "channels: [email]\n    channel-basis: {post: opt-out}\n    message-kind",
                        "purposes[1].channel-basis.post", "'post' is not one of this purpose's channels [email]"),
                row("a necessary channel inside a choosable purpose", "channels: [email]\n    message-kind",
                        "channels: [email]\n    channel-basis: {email: necessary}\n    message-kind",
                        "purposes[1].channel-basis.email", "a channel's basis is opt-in or opt-out"),
                row("a basis per channel on a necessary purpose", "basis: necessary\n    recipients",
                        "basis: necessary\n    channel-basis: {email: opt-in}\n    recipients",
                        "purposes[0].channel-basis", "needs a purpose whose own basis is opt-in or opt-out"),
                row("a minors rule on a necessary purpose", "history:",
                        "minors:\n  - {jurisdiction: JP, guardian-below-age: 16, purposes: [newsletter, delivery]}\nhistory:",
                        "minors[0].purposes[1]", "'delivery' is necessary", "minors-guardian-consent"),
                row("a succession start date on a processor", "relation: processor\n    country: JP\n  - id: stats",
                        "relation: processor\n    country: JP\n    succession-start-date: 2027-04-01\n  - id: stats",
                        "recipients[0].succession-start-date", "only a successor has a succession-start-date", "appi-27-ground-relation"),
                row("a succession start date that is no date", "relation: processor\n    country: JP\n  - id: stats",
                        "relation: successor\n    country: JP\n    succession-start-date: next spring\n  - id: stats",
                        "recipients[0].succession-start-date", "next spring"),
                row("a recipient with country and countries", COURIER, "relation: processor\n    country: JP\n    countries: [JP]\n  - id: stats",
                        "recipients[0].countries", "give country or countries, not both"),
                row("a recipient's country listed twice", COURIER, "relation: processor\n    country: [JP, JP]\n  - id: stats",
                        "recipients[0].country[1]", "country 'JP' is listed twice"),
                row("a recipient's malformed second country", COURIER, "relation: processor\n    countries: [JP, Japan]\n  - id: stats",
                        "recipients[0].countries[1]", "countries must be ISO 3166-1 codes such as JP or US, but has 'Japan'"),
                row("a third party in Japan and abroad without foreign-transfer", COURIER,
                        "relation: third-party\n    country: [JP, US]\n    purposes: [delivery]\n  - id: stats",
                        "recipients[0].foreign-transfer", "a third party in US needs foreign-transfer", "appi-28-foreign-transfer"),
                row("two minors rules of one country name the same purpose", "history:",
                        "minors:\n  - {jurisdiction: FR, guardian-below-age: 15, purposes: [newsletter]}\n"
                                + "  - {jurisdiction: FR, guardian-below-age: 13, purposes: [analytics, newsletter]}\nhistory:",
                        "minors[1].purposes", "'newsletter' is named by two rules for FR (the first is minors[0])", "minors-guardian-consent"),
                row("two minors rules of one country for every topic", "history:",
                        "minors:\n  - {jurisdiction: EU, guardian-below-age: 16}\n  - {jurisdiction: EU, guardian-below-age: 13}\nhistory:",
                        "minors[1].jurisdiction", "a second rule for EU covering every topic", "minors-guardian-consent"),
                row("a minors opt-in age below the guardian age", "history:",
                        "minors:\n  - {jurisdiction: US, guardian-below-age: 13, opt-in-below-age: 12, purposes: [newsletter]}\nhistory:",
                        "minors[0].opt-in-below-age", "must not be below guardian-below-age (13)", "minors-opt-in"),
                row("a stop-use rule on an opt-in purpose", "message-kind: subscription",
                        "message-kind: subscription\n    stop-use: honoured", "purposes[1].stop-use",
                        "stop-use belongs to a notice-only purpose"),
                row("a notice-only purpose with marketing channels", "basis: opt-in\n    channels", "basis: notice\n    channels",
                        "purposes[1].channels", "a notice-only purpose has no marketing channels"),
                row("a notice-only purpose that sells data", "basis: necessary\n    recipients",
                        "basis: notice\n    sale-or-sharing: true\n    recipients", "purposes[0].sale-or-sharing",
                        "a notice-only purpose cannot be sale-or-sharing", "ccpa-gpc-opt-out"),
                row("a stop-use rule that is neither honoured nor refused", "basis: necessary\n    recipients",
                        "basis: notice\n    stop-use: maybe\n    recipients", "purposes[0].stop-use",
                        "stop-use is honoured, or {refused:"),
                row("a refused stop of use without its reason in every language", "basis: necessary\n    recipients",
                        "basis: notice\n    stop-use: {refused: {en: Anonymous}}\n    recipients", "purposes[0].stop-use.refused.ja",
                        "the 'ja' text is missing"),
                row("a notice-only cookie category", "{default: opt-out, EU: opt-in}", "notice",
                        "cookie-categories[1].basis", "notice-only is for purposes"),
                row("analytics cookies on opt-out in the UK", "{default: opt-out, EU: opt-in}",
                        "{default: opt-out, EU: opt-in, UK: opt-out}", "cookie-categories[1].basis.UK", "PECR reg. 6", "pecr-cookie-consent"),
                row("a purpose validity that is not a period", "message-kind: subscription",
                        "message-kind: subscription\n    validity: {grants: P12M, refusals: half a year}",
                        "purposes[1].validity.refusals", "refusals must be a positive ISO-8601 period such as P6M or P1Y, or never"),
                row("a misspelt field in a jurisdiction's validity", "message-kind: subscription",
                        "message-kind: subscription\n    validity: {grants: P12M, FR: {refusal: P6M}}",
                        "purposes[1].validity.FR.refusal", "did you mean 'refusals'?"),
                row("a validity key that is no field and no jurisdiction", "message-kind: subscription",
                        "message-kind: subscription\n    validity: {grants: P12M, France: {refusals: P6M}}",
                        "purposes[1].validity.France", "neither grants, refusals, member-terms nor a jurisdiction code"),
                row("a validity period with no value", "id: test-shop",
                        "id: test-shop\nconsent-validity: {grants: P12M, refusals: null}", "consent-validity.refusals",
                        "positive ISO-8601 period"),
                row("grants that never lapse for the whole policy", "id: test-shop",
                        "id: test-shop\nconsent-validity: {grants: never}", "consent-validity.grants",
                        "the policy's grants need a period"),
                row("missing operator representative", "  representative: {ja: 代表 太郎, en: Taro Daihyo}\n", "",
                        "operator.representative", "required field 'representative' is missing", "appi-32-operator"));
    }

    private static final String COURIER = "relation: processor\n    country: JP\n  - id: stats";
    private static final String THIRD_PARTY_COURIER = "relation: third-party\n    country: JP\n    purposes: [delivery]\n";
    private static final String REVISION_2 = "{version: \"2\", changed: [newsletter]}";
    private static final String SOURCE = """
            sources:
              - id: login
                provider:
                  name: {ja: ログイン社, en: Login Co}
                  address: {ja: 大阪, en: Osaka}
                  representative: {ja: 代表, en: Head}
                acquisition: {ja: 会員登録, en: Sign-up}
                data-items: [email]
            """;

    /** Doubtful but loadable: each row gives one warning at one path, with its line. */
    static Stream<Arguments> doubts() {
        return Stream.of(
                row("a recipient abroad under \"not handled abroad\"", "history:",
                        "data-abroad: {countries: []}\nhistory:", "recipients[1].country",
                        "recipient in US, but data-abroad says personal data is not handled outside Japan", "appi-32-handling-abroad"),
                row("a country's minors rule for every topic takes a purpose from a wider rule at a lower age", "history:",
                        "minors:\n  - {jurisdiction: \"*\", guardian-below-age: 18, purposes: [newsletter]}\n"
                                + "  - {jurisdiction: FR, guardian-below-age: 15}\nhistory:",
                        "minors[1]", "replaces minors[0] (*, guardian below 18) for 'newsletter' with guardian below 15", "minors-guardian-consent"),
                row("a recipient's second country that data-abroad does not list", "country: JP\n    hosts: [stats.example]\ntrackers:",
                        "countries: [US, SG]\n    hosts: [stats.example]\ndata-abroad: {countries: [US]}\ntrackers:", "recipients[1].countries[1]",
                        "recipient in SG, which data-abroad.countries [US] does not list", "appi-32-handling-abroad"),
                row("a recipient in a country data-abroad does not list", "history:",
                        "data-abroad: {countries: [SG]}\nhistory:", "recipients[1].country",
                        "recipient in US, which data-abroad.countries [SG] does not list", "appi-32-handling-abroad"),
                row("a legal ground on a purpose people choose", COURIER, "relation: third-party\n    country: JP\n"
                        + "    purposes: [newsletter]\n    legal-grounds: [{ground: laws-and-regulations}]\n  - id: stats",
                        "recipients[0].legal-grounds[0].ground", "purpose 'newsletter' lets people choose", "appi-27-third-party-consent"),
                row("a category of recipients named vaguely", "name: {ja: 配送社, en: Courier}",
                        "name: {ja: 配送社など, en: Couriers}", "recipients[0].name.ja", "examples: [...] with and-others: true"),
                row("a tag that sends \"and so on\"", "{ja: 閲覧ページ, en: Pages viewed}",
                        "{ja: 閲覧ページ等, en: Pages viewed}", "trackers[0].sends[0].ja",
                        "the external-transmission notice should name each item", "jp-external-transmission"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("doubts")
    void eachDoubtIsAWarningWithItsPathAndLine(String doubt, String find, String replace, String path, String message,
            String rule) {
        assertThat(VALID).as("row must edit the base policy").contains(find);
        String doubtful = VALID.replace(find, replace).replace("country: JP\n    hosts: [stats.example]",
                "country: US\n    hosts: [stats.example]");
        PolicyCheckResult result = check(doubtful, "shop-policy.yaml");
        assertThat(result.errors()).as(doubt).isEmpty();
        assertThat(result.warnings()).as(doubt).anySatisfy(problem -> {
            assertThat(problem.path()).isEqualTo(path);
            assertThat(problem.message()).contains(message);
            assertThat(problem.rule()).isEqualTo(rule);
            assertThat(problem.line()).isPositive();
            assertThat(problem.toString()).startsWith("shop-policy.yaml:" + problem.line() + ":").contains("warning: ");
        });
    }

    private static Arguments row(String mistake, String find, String replace, String path, String message) {
        return row(mistake, find, replace, path, message, null);
    }

    /** A row whose problem breaks a legal rule: the problem carries the rule's id. */
    private static Arguments row(String mistake, String find, String replace, String path, String message, String rule) {
        return Arguments.of(mistake, find, replace, path, message, rule);
    }

    @Test
    void everyLegalRuleHasARowThatBreaksIt() {
        java.util.Set<Object> covered = new java.util.HashSet<>();
        Stream.concat(mistakes(), doubts()).forEach(row -> covered.add(row.get()[5]));
        assertThat(covered).containsAll(java.util.Arrays.stream(LegalRule.values()).map(LegalRule::id).toList());
    }

    @Test
    void theBasePolicyIsValid() {
        PolicyCheckResult result = check(VALID, "base.yaml");
        assertThat(result.problems()).isEmpty();
        Policy policy = result.policy();
        assertThat(policy.purposes()).hasSize(2);
        assertThat(policy.changedSince("1", "newsletter")).isTrue();
        assertThat(policy.changedSince("1", "delivery")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachMistakeIsReportedWithItsPathAndNoStackTrace(String mistake, String find, String replace, String path,
            String message, String rule) {
        assertThat(VALID).as("row must edit the base policy").contains(find);
        String broken = VALID.replace(find, replace);
        PolicyCheckResult result = check(broken, "shop-policy.yaml");
        assertThat(result.valid()).as(mistake).isFalse();
        assertThat(result.errors()).as(mistake)
                .anySatisfy(problem -> {
                    assertThat(problem.path()).isEqualTo(path);
                    assertThat(problem.message()).contains(message);
                    assertThat(problem.rule()).as("the legal rule broken, if any").isEqualTo(rule);
                    assertThat(problem.file()).isEqualTo("shop-policy.yaml");
                    assertThat(problem.line()).isPositive();
                });
        assertThatThrownBy(() -> PolicyLoader.load("shop-policy.yaml", stream(broken)))
                .isInstanceOf(PolicyValidationException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).contains("shop-policy.yaml:").contains(path);
                    assertThat(e.getStackTrace()).isEmpty();
                });
    }

    @Test
    void errorsCarryTheLineAndColumnOfTheOffendingValue() {
        PolicyCheckResult result = check(VALID.replace("recipients: [courier]", "recipients: [curier]"), "p.yaml");
        PolicyProblem problem = result.errors().get(0);
        assertThat(problem.line()).isEqualTo(16);
        assertThat(problem.toString()).startsWith("p.yaml:16:").contains("purposes[0].recipients[0]: unknown recipient");
    }

    @Test
    void yamlSlipsPointAtTheTextToQuote() {
        String star = VALID.replace("hosts: [stats.example]\ntrackers", "hosts: [*.stats.example]\ntrackers");
        int starLine = lineOf(star, "hosts: [*.stats.example]");
        assertThat(check(star, "p.yaml").errors()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(starLine);
            assertThat(p.column()).isEqualTo(13);
        });
        String colon = VALID.replace("title: {ja: 配送, en: Delivery}", "title: {ja: 配送, en: Delivery: next day}");
        int colonLine = lineOf(colon, "Delivery: next day");
        assertThat(check(colon, "p.yaml").errors()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(colonLine);
            assertThat(p.column()).isEqualTo("    title: {ja: 配送, en: ".length() + 1);
            assertThat(p.toString()).startsWith("p.yaml:" + colonLine + ":" + p.column() + ": not valid YAML");
        });
    }

    private static int lineOf(String text, String part) {
        return (int) text.substring(0, text.indexOf(part)).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void everyErrorIsReportedNotOnlyTheFirst() {
        String broken = VALID.replace("recipients: [courier]", "recipients: [nobody]")
                .replace("category: analytics", "category: nothing")
                .replace("effective-date: 2026-01-01", "effective-date: someday");
        assertThat(check(broken, "p.yaml").errors()).extracting(PolicyProblem::path)
                .contains("purposes[0].recipients[0]", "trackers[0].category", "effective-date");
    }

    @Test
    void syntaxErrorsNameTheLine() {
        PolicyCheckResult yaml = check("id: x\npurposes: [\n  - oops: {", "broken.yaml");
        assertThat(yaml.errors()).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("not valid YAML");
            assertThat(p.line()).isPositive();
        });
        PolicyCheckResult json = check("{\"id\": \"x\",,}", "broken.json");
        assertThat(json.errors()).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("not valid JSON");
            assertThat(p.line()).isEqualTo(1);
        });
    }

    @Test
    void emptyAndNonMappingDocumentsAreReported() {
        assertThat(check("", "empty.yaml").errors()).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("the file is empty"));
        assertThat(check("- a\n- b\n", "list.yaml").errors()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("a policy file is a mapping"));
    }

    @Test
    void vagueSentDataAndTrackersUnderNecessaryAreWarningsNotErrors() {
        String doubtful = VALID.replace("{ja: 閲覧ページ, en: Pages viewed}", "{ja: 閲覧履歴等, en: Pages viewed etc.}");
        PolicyCheckResult result = check(doubtful, "p.yaml");
        assertThat(result.valid()).isTrue();
        assertThat(result.warnings()).extracting(PolicyProblem::path)
                .containsExactlyInAnyOrder("trackers[0].sends[0].ja", "trackers[0].sends[0].en");
        String necessaryTracker = VALID.replace("category: analytics\n    hosts", "category: necessary\n    hosts")
                .replace("cookies: [\"_ga_*\"]\n    sends", "sends");
        PolicyCheckResult second = check(necessaryTracker, "p.yaml");
        assertThat(second.valid()).isTrue();
        assertThat(second.warnings()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("never blocked"));
    }

    @Test
    void theNewPolicyFormsLoadClean() {
        String extended = VALID
                .replace("id: test-shop", "id: test-shop\nconsent-validity: {grants: P12M, refusals: P24M, member-terms: never,"
                        + " FR: {refusals: P6M}, UK: {grants: P6M}}")
                .replace("basis: opt-in\n    channels: [email]", "basis: opt-out\n    channels: [post, phone, email]\n"
                        + "    channel-basis: {email: opt-in, phone: {default: opt-out, EU: opt-in}}\n"
                        + "    validity: {grants: P24M, US-CA: {grants: P12M}}")
                .replace("cookie-categories:", ""
                        + "  - {id: surveys, title: {ja: アンケート, en: Surveys}, basis: notice}\n"
                        + "  - id: statistics\n"
                        + "    title: {ja: 統計, en: Statistics}\n"
                        + "    basis: notice\n"
                        + "    stop-use: {refused: {ja: 統計は個人を識別しません, en: Statistics identify nobody}}\n"
                        + "cookie-categories:")
                .replace("history:", "minors:\n  - {jurisdiction: US, guardian-below-age: 13, opt-in-below-age: 16}\nhistory:");
        PolicyCheckResult result = check(extended, "extended.yaml");
        assertThat(result.problems()).isEmpty();
        Policy policy = result.policy();
        assertThat(policy.purpose("newsletter").orElseThrow().basisOn("email").byDefault()).isEqualTo(dev.consent4j.policy.Basis.OPT_IN);
        assertThat(policy.purpose("newsletter").orElseThrow().basisOn("post").byDefault()).isEqualTo(dev.consent4j.policy.Basis.OPT_OUT);
        assertThat(policy.purpose("statistics").orElseThrow().stopUseRule().honoured()).isFalse();
        assertThat(policy.purpose("surveys").orElseThrow().stopUseRule().honoured()).isTrue();
        assertThat(policy.validity().in(dev.consent4j.policy.Jurisdiction.of("FR")).refusals()).isEqualTo(java.time.Period.ofMonths(6));
        assertThat(policy.validity().in(dev.consent4j.policy.Jurisdiction.of("FR")).grants()).isEqualTo(java.time.Period.ofMonths(12));
        assertThat(policy.validity().in(dev.consent4j.policy.Jurisdiction.of("GB")).grants()).isEqualTo(java.time.Period.ofMonths(6));
        dev.consent4j.policy.Validity newsletter = policy.validityOf("newsletter").in(dev.consent4j.policy.Jurisdiction.of("US-CA"));
        assertThat(newsletter.grants()).isEqualTo(java.time.Period.ofMonths(12));
        assertThat(newsletter.refusals()).as("from the policy's default").isEqualTo(java.time.Period.ofMonths(24));
        assertThat(newsletter.memberTermGrants()).isNull();
        assertThat(policy.minorRules().get(0).optInBelowAge()).isEqualTo(16);
        assertThat(PolicyLoader.check("old.yaml", stream(VALID.replace("id: test-shop", "id: test-shop\nconsent-validity: P6M")))
                .policy().consentValidity()).as("the old scalar form still loads").isEqualTo(java.time.Period.ofMonths(6));
    }

    @Test
    void aHistoryChangeMayNameOnePurposeOnOneChannel() {
        String oneChannel = VALID.replace("channels: [email]", "channels: [email, sms]")
                .replace("changed: [newsletter]", "changed: [\"newsletter:sms\"]");
        PolicyCheckResult result = check(oneChannel, "p.yaml");
        assertThat(result.problems()).isEmpty();
        Policy policy = result.policy();
        assertThat(policy.changedSince("1", "newsletter", "sms")).isTrue();
        assertThat(policy.changedSince("1", "newsletter", "email")).isFalse();
        assertThat(policy.changedSince("1", "newsletter")).as("the purpose itself did not change").isFalse();
        assertThat(policy.changedSince("2", "newsletter", "sms")).isFalse();
    }

    @Test
    void aMinorsRuleOnANoticeOnlyPurposeIsAWarningWithItsPathAndLine() {
        String noticeMinor = VALID.replace("basis: necessary\n    recipients", "basis: notice\n    recipients")
                .replace("history:", "minors:\n  - {jurisdiction: JP, guardian-below-age: 16, purposes: [delivery]}\nhistory:");
        PolicyCheckResult result = check(noticeMinor, "p.yaml");
        assertThat(result.valid()).isTrue();
        assertThat(result.warnings()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("minors[0].purposes[0]");
            assertThat(p.message()).contains("notice-only");
            assertThat(p.line()).isPositive();
        });
    }

    @Test
    void missingFileIsAProblemNotAnException() {
        PolicyCheckResult result = PolicyLoader.check(java.nio.file.Path.of("target/does-not-exist.yaml"));
        assertThat(result.errors()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo("file not found"));
    }

    static PolicyCheckResult check(String content, String name) {
        return PolicyLoader.check(name, stream(content));
    }

    private static ByteArrayInputStream stream(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }
}
