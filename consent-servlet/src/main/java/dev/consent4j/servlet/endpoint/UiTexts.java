package dev.consent4j.servlet.endpoint;

import java.util.LinkedHashMap;
import java.util.Map;

/** The banner's own words, in the languages the library ships (the policy supplies everything else). */
public final class UiTexts {

    private static final Map<String, String> EN = texts(
            "title", "Your privacy choices",
            "body", "We use cookies and similar tools for statistics and advertising only if you agree. You can change your choice at any time.",
            "acceptAll", "Accept all",
            "rejectAll", "Reject all",
            "choose", "Choose",
            "save", "Save choices",
            "close", "Close",
            "alwaysOn", "Always on",
            "gpcHonoured", "Opt-out request honoured: your browser's Global Privacy Control signal was applied.",
            "disclosureLink", "What is sent to whom",
            "preferencesTitle", "Privacy choices",
            "trackers", "Sent to",
            "recipients", "Recipients",
            "unsubscribeTitle", "Unsubscribe",
            "unsubscribeConfirm", "Stop these messages",
            "unsubscribeDone", "You have been unsubscribed. No further messages of this kind will be sent.",
            "unsubscribeInvalid", "This unsubscribe link is not valid or has expired. Please unsubscribe from your account page.",
            "guardianTitle", "Consent as a guardian",
            "guardianIntro", "{shop} asks for your consent, as guardian, for the account {account}. Please choose for each purpose below.",
            "guardianGrant", "I agree",
            "guardianRefuse", "I do not agree",
            "guardianSubmit", "Send my answers",
            "guardianDone", "Thank you. Your answers have been recorded.",
            "guardianUsed", "This link has already been used, and its answers are recorded. For a change, ask for a new link from the account page.",
            "guardianExpired", "This link has expired. Please ask for a new one from the account page.",
            "guardianInvalid", "This link is not valid. Please open it exactly as it was sent, or ask for a new one.",
            "guardianNothing", "There is nothing left to ask about with this link.");

    private static final Map<String, String> JA = texts(
            "title", "プライバシーに関する選択",
            "body", "当店は、統計や広告のためのCookie等を、同意いただいた場合にのみ使用します。選択はいつでも変更できます。",
            "acceptAll", "すべて同意する",
            "rejectAll", "すべて拒否する",
            "choose", "選択する",
            "save", "選択を保存",
            "close", "閉じる",
            "alwaysOn", "常に有効",
            "gpcHonoured", "オプトアウト要求を反映しました（ブラウザのグローバル・プライバシー・コントロール）。",
            "disclosureLink", "外部送信と提供先について",
            "preferencesTitle", "プライバシー設定",
            "trackers", "送信先",
            "recipients", "提供先",
            "unsubscribeTitle", "配信停止",
            "unsubscribeConfirm", "配信を停止する",
            "unsubscribeDone", "配信を停止しました。今後この種類のメッセージはお送りしません。",
            "unsubscribeInvalid", "この配信停止リンクは無効か期限切れです。お手数ですがマイページから停止してください。",
            "guardianTitle", "保護者の同意",
            "guardianIntro", "{shop}より、アカウント「{account}」について保護者の方の同意をお願いしています。以下の目的ごとにお選びください。",
            "guardianGrant", "同意する",
            "guardianRefuse", "同意しない",
            "guardianSubmit", "回答を送信",
            "guardianDone", "ありがとうございました。回答を記録しました。",
            "guardianUsed", "このリンクは使用済みで、回答は記録されています。変更するには、マイページから新しいリンクを依頼してください。",
            "guardianExpired", "このリンクは有効期限が切れています。マイページから新しいリンクを依頼してください。",
            "guardianInvalid", "このリンクは無効です。送られたとおりに開くか、新しいリンクを依頼してください。",
            "guardianNothing", "このリンクでお尋ねすることは残っていません。");

    private UiTexts() {
    }

    /** The texts in {@code language}, or in English when the library has none in that language. */
    public static Map<String, String> in(String language) {
        return "ja".equals(language) ? JA : EN;
    }

    private static Map<String, String> texts(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
