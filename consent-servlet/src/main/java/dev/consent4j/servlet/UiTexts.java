package dev.consent4j.servlet;

import dev.consent4j.policy.BannerSettings;
import dev.consent4j.policy.Policy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The banner's and the public pages' own words: the library's built-in Japanese and English, each
 * replaced where the policy's {@code banner.texts} gives its own (keys as in {@link BannerSettings#TEXT_KEYS}).
 */
final class UiTexts {

    private static final Map<String, String> EN = texts(
            "title", "Your privacy choices",
            "us-title", "Your privacy choices",
            "opt-in", "We would like to use cookies and similar tools for {asked}, only if you agree. You can change your choice at any time.",
            "notice", "This site already uses cookies and similar tools for {running}; you can turn them off at any time.",
            "us", "This site uses cookies and similar tools for {running}. You can opt out of the sale or sharing of your personal information and of targeted advertising at any time.",
            "accept-all", "Accept all",
            "reject-all", "Reject all",
            "choose", "Choose",
            "save", "Save choices",
            "close", "Close",
            "always-on", "Always on",
            "gpc-honoured", "Opt-out preference signal honoured: your browser's Global Privacy Control applies here.",
            "opted-out", "You have opted out of the sale or sharing of your personal information.",
            "saved", "Your privacy choices were saved.",
            "disclosure-link", "What is sent to whom",
            "preferences-title", "Privacy choices",
            "trackers", "Sent to",
            "recipients", "Recipients",
            "back", "Back to the shop",
            "unsubscribe-title", "Unsubscribe",
            "unsubscribe-list", "List: {list}",
            "unsubscribe-confirm", "Stop these messages",
            "unsubscribe-done", "You have been unsubscribed. No further messages of this kind will be sent.",
            "unsubscribe-invalid", "This unsubscribe link is not valid or has expired. Please unsubscribe from your account page.",
            "guardian-title", "Consent as a guardian",
            "guardian-intro", "{shop} asks for your consent, as guardian, for the account {account}. Please choose for each purpose below.",
            "guardian-grant", "I agree",
            "guardian-refuse", "I do not agree",
            "guardian-submit", "Send my answers",
            "guardian-done", "Thank you. Your answers have been recorded.",
            "guardian-used", "This link has already been used, and its answers are recorded. For a change, ask for a new link from the account page.",
            "guardian-expired", "This link has expired. Please ask for a new one from the account page.",
            "guardian-invalid", "This link is not valid. Please open it exactly as it was sent, or ask for a new one.",
            "guardian-nothing", "There is nothing left to ask about with this link.");

    private static final Map<String, String> JA = texts(
            "title", "プライバシーに関する選択",
            "us-title", "プライバシーに関する選択（Your privacy choices）",
            "opt-in", "当店は、{asked}のためのCookie等を、同意いただいた場合にのみ使用します。選択はいつでも変更できます。",
            "notice", "当店は、{running}のためのCookie等を、公表のうえ使用しています。いつでも停止できます。",
            "us", "当店は、{running}のためのCookie等を使用しています。個人情報の販売・共有とターゲティング広告は、いつでも拒否（オプトアウト）できます。",
            "accept-all", "すべて同意する",
            "reject-all", "すべて拒否する",
            "choose", "選択する",
            "save", "選択を保存",
            "close", "閉じる",
            "always-on", "常に有効",
            "gpc-honoured", "オプトアウトの意思表示（ブラウザのグローバル・プライバシー・コントロール）を反映しています。",
            "opted-out", "個人情報の販売・共有を拒否（オプトアウト）されています。",
            "saved", "プライバシーに関する選択を保存しました。",
            "disclosure-link", "外部送信と提供先について",
            "preferences-title", "プライバシー設定",
            "trackers", "送信先",
            "recipients", "提供先",
            "back", "ショップに戻る",
            "unsubscribe-title", "配信停止",
            "unsubscribe-list", "対象：{list}",
            "unsubscribe-confirm", "配信を停止する",
            "unsubscribe-done", "配信を停止しました。今後この種類のメッセージはお送りしません。",
            "unsubscribe-invalid", "この配信停止リンクは無効か期限切れです。お手数ですがマイページから停止してください。",
            "guardian-title", "保護者の同意",
            "guardian-intro", "{shop}より、アカウント「{account}」について保護者の方の同意をお願いしています。以下の目的ごとにお選びください。",
            "guardian-grant", "同意する",
            "guardian-refuse", "同意しない",
            "guardian-submit", "回答を送信",
            "guardian-done", "ありがとうございました。回答を記録しました。",
            "guardian-used", "このリンクは使用済みで、回答は記録されています。変更するには、マイページから新しいリンクを依頼してください。",
            "guardian-expired", "このリンクは有効期限が切れています。マイページから新しいリンクを依頼してください。",
            "guardian-invalid", "このリンクは無効です。送られたとおりに開くか、新しいリンクを依頼してください。",
            "guardian-nothing", "このリンクでお尋ねすることは残っていません。");

    /** The texts the banner script reads from {@code /policy} (the body sentences come with {@code /state}). */
    private static final List<String> SCRIPT_KEYS = List.of("accept-all", "reject-all", "choose", "save", "close",
            "always-on", "saved", "disclosure-link", "preferences-title");

    private UiTexts() {
    }

    /** The built-in text for {@code key} in {@code language} (Japanese, else English). */
    static String builtIn(String language, String key) {
        return ("ja".equals(language) ? JA : EN).get(key);
    }

    /** The text for {@code key} in {@code language}: the policy's own, else the built-in one. */
    public static String text(Policy policy, String language, String key) {
        return policy.banner().text(language, key).orElseGet(() -> builtIn(language, key));
    }

    /** The banner script's texts, keyed in camelCase as {@code /policy} has them. */
    public static Map<String, String> forScript(Policy policy, String language) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String key : SCRIPT_KEYS) {
            map.put(camel(key), text(policy, language, key));
        }
        return Collections.unmodifiableMap(map);
    }

    /** How lists are joined in {@code language}. */
    static String separator(String language) {
        return "ja".equals(language) ? "、" : ", ";
    }

    /** {@code main (aside)} with the language's brackets: full-width in Japanese. */
    static String paren(String language, String main, String aside) {
        if (aside == null || aside.isEmpty()) {
            return main;
        }
        return "ja".equals(language) ? main + "（" + aside + "）" : main + " (" + aside + ")";
    }

    /** {@code label: value} with the language's colon. */
    static String labelled(String language, String label, String value) {
        return label + ("ja".equals(language) ? "：" : ": ") + value;
    }

    /** A country's name in {@code language}, e.g. {@code 日本} or {@code Japan}; the code where Java knows no name. */
    public static String country(String language, String code) {
        if (code == null || code.isEmpty()) {
            return "";
        }
        String name = new Locale("", code).getDisplayCountry(Locale.forLanguageTag(language));
        return name.isEmpty() ? code : name;
    }

    private static String camel(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '-' && i + 1 < key.length()) {
                out.append(Character.toUpperCase(key.charAt(++i)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Map<String, String> texts(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        if (!map.keySet().equals(new java.util.LinkedHashSet<>(BannerSettings.TEXT_KEYS))) {
            throw new IllegalStateException("built-in banner texts out of step with BannerSettings.TEXT_KEYS");
        }
        return Collections.unmodifiableMap(map);
    }
}
