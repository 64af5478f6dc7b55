package dev.consent4j.examples.spring;

import dev.consent4j.request.PersonalRequest;
import dev.consent4j.request.RequestKind;
import dev.consent4j.request.RequestStatus;
import dev.consent4j.state.Reason;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The account page's words for the library's codes, so a shopper never reads NO_CONSENT or DONE. */
final class Words {

    private static final Map<Reason, String[]> REASONS = Map.ofEntries(
            Map.entry(Reason.NECESSARY, new String[] {"必要なため常に有効", "always on, as it is needed"}),
            Map.entry(Reason.GRANTED, new String[] {"同意済み", "you agreed"}),
            Map.entry(Reason.DEFAULT_OPT_OUT, new String[] {"停止のお申し出がないため有効", "on until you ask us to stop"}),
            Map.entry(Reason.NO_CONSENT, new String[] {"未同意", "you have not agreed"}),
            Map.entry(Reason.DENIED, new String[] {"お断りいただいています", "you said no"}),
            Map.entry(Reason.WITHDRAWN, new String[] {"同意を撤回されています", "you withdrew your consent"}),
            Map.entry(Reason.OBJECTED, new String[] {"停止のお申し出により停止中", "stopped at your request"}),
            Map.entry(Reason.EXPIRED, new String[] {"同意の有効期限切れ", "your consent has expired"}),
            Map.entry(Reason.STALE_POLICY, new String[] {"ポリシー改定のため再確認が必要", "our policy changed; please choose again"}),
            Map.entry(Reason.GPC_SIGNAL, new String[] {"ブラウザのオプトアウト信号により停止中",
                    "stopped by your browser's opt-out signal"}),
            Map.entry(Reason.MINOR_WITHOUT_GUARDIAN, new String[] {"保護者の同意が必要", "a parent or guardian must agree"}),
            Map.entry(Reason.NOTICE_ONLY, new String[] {"通知により利用中（停止を求められます）",
                    "in use as notified; you can ask us to stop"}),
            Map.entry(Reason.USE_STOPPED, new String[] {"お申し出により利用停止中", "stopped at your request"}),
            Map.entry(Reason.CATEGORY_NOT_ALLOWED, new String[] {"関連するCookieが許可されていないため停止中",
                    "off while the cookies it needs are refused"}),
            Map.entry(Reason.STORE_UNAVAILABLE, new String[] {"一時的に確認できません", "cannot be checked just now"}));

    private static final Map<RequestKind, String[]> KINDS = Map.of(
            RequestKind.PURPOSE_NOTICE, new String[] {"利用目的の通知", "Purposes of use"},
            RequestKind.DISCLOSURE, new String[] {"開示", "A copy of my data"},
            RequestKind.CORRECTION, new String[] {"訂正", "Correction"},
            RequestKind.STOP_USE, new String[] {"利用停止", "Stop using my data"},
            RequestKind.ERASURE, new String[] {"消去", "Erasure"},
            RequestKind.STOP_PROVISION, new String[] {"第三者提供の停止", "Stop giving my data to third parties"},
            RequestKind.PROVISION_RECORDS, new String[] {"第三者提供記録の開示", "Records of what was given to whom"});

    private static final Map<RequestStatus, String[]> STATUSES = Map.of(
            RequestStatus.RECEIVED, new String[] {"受付済み", "Received"},
            RequestStatus.IDENTITY_VERIFIED, new String[] {"ご本人確認済み・対応中", "Identity checked, in progress"},
            RequestStatus.DONE, new String[] {"対応済み", "Done"},
            RequestStatus.REFUSED, new String[] {"お応えできませんでした", "Refused"});

    private Words() {
    }

    static String reason(Reason reason, @Nullable String lang) {
        return pick(REASONS.get(reason), reason, lang);
    }

    static String kind(RequestKind kind, @Nullable String lang) {
        return pick(KINDS.get(kind), kind, lang);
    }

    static String status(RequestStatus status, @Nullable String lang) {
        return pick(STATUSES.get(status), status, lang);
    }

    /**
     * The answer a shopper reads: an operator's note as written; for the stops the library carries
     * out itself (its note lists the recorded events, for the audit trail), a sentence instead.
     */
    static String answer(PersonalRequest request, @Nullable String lang) {
        boolean carriedOutByTheLibrary = request.kind() == RequestKind.STOP_PROVISION || request.kind() == RequestKind.STOP_USE;
        if (carriedOutByTheLibrary && request.status() == RequestStatus.DONE) {
            return "ja".equals(lang) ? "お申し出のとおり停止しました。" : "Stopped as you asked.";
        }
        String note = request.steps().isEmpty() ? null : request.steps().get(request.steps().size() - 1).note();
        return note == null ? "" : note;
    }

    /** A constant the library adds later, before it has words here, shows as its name rather than failing the page. */
    private static String pick(String @Nullable [] words, Enum<?> key, @Nullable String lang) {
        if (words == null) {
            return key.name();
        }
        return "en".equals(lang) ? words[1] : words[0];
    }
}
