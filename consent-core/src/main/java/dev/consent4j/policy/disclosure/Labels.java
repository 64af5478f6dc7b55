package dev.consent4j.policy.disclosure;

import dev.consent4j.policy.LegalGround;
import dev.consent4j.policy.Relation;
import dev.consent4j.policy.Revision;

/** The fixed words of a disclosure, in Japanese or English (every other language gets English). */
record Labels(
        String title,
        String operator,
        String name,
        String address,
        String representative,
        String contact,
        String policy,
        String version,
        String effectiveDate,
        String transmission,
        String noTransmission,
        String service,
        String recipient,
        String category,
        String hosts,
        String sentData,
        String sitePurpose,
        String recipientPurpose,
        String recipients,
        String noRecipients,
        String relation,
        String legalBasis,
        String country,
        String dataItems,
        String purposes,
        String privacyNotice,
        String linksToPerson,
        String jointUseDataItems,
        String jointUsers,
        String jointUsePurposes,
        String responsible,
        String foreignSystem,
        String recipientMeasures,
        String acquisitionMethod,
        String provisionMethod,
        String requestMethod,
        String updateMethod,
        String startDate,
        String successionStartDate,
        String listSeparator,
        String legalGround,
        String examples,
        String andOthers,
        String sources,
        String acquisition,
        String receivedItems,
        String abroad,
        String countries,
        String notAbroad,
        String abroadNote,
        String history,
        String dash) {

    static final Labels JA = new Labels(
            "外部送信と個人データの提供について",
            "事業者",
            "名称",
            "住所",
            "代表者",
            "お問い合わせ窓口",
            "ポリシー",
            "版",
            "施行日",
            "外部送信（タグ・Cookie等）",
            "外部送信を行うタグ等はありません。",
            "サービス",
            "送信先",
            "Cookieの種類",
            "送信先ホスト",
            "送信される情報",
            "当社の利用目的",
            "送信先での利用目的",
            "個人データの提供先・委託先・共同利用者",
            "個人データを提供する先はありません。",
            "関係",
            "提供の根拠",
            "所在国",
            "提供する項目",
            "利用目的",
            "提供先のプライバシーポリシー",
            "提供先で個人データとして取得されることが想定される情報を含みます",
            "共同利用する項目",
            "共同利用者の範囲",
            "共同利用者の利用目的",
            "管理について責任を有する者",
            "提供先の国の個人情報保護制度",
            "提供先が講ずる措置",
            "取得の方法",
            "提供の方法",
            "提供停止の求めを受け付ける方法",
            "更新の方法",
            "提供の開始日",
            "事業の承継日（この日より前は提供しません）",
            "、",
            "同意を得ない提供の根拠",
            "例",
            "ほか",
            "他の事業者から取得する個人データ",
            "提供元による取得の経緯",
            "取得する項目",
            "外国における取扱い",
            "個人データを取り扱う国",
            "個人データを外国で取り扱うことはありません",
            "外的環境と講じている措置",
            "改定の履歴",
            "：");

    static final Labels EN = new Labels(
            "What is sent to whom",
            "Operator",
            "Name",
            "Address",
            "Representative",
            "Contact",
            "Policy",
            "version",
            "effective",
            "External transmission (tags, cookies)",
            "No tag sends information to anyone else.",
            "Service",
            "Recipient",
            "Category",
            "Hosts",
            "Information sent",
            "Why we use it",
            "What the recipient uses it for",
            "Who receives personal data",
            "No one receives personal data from us.",
            "Relation",
            "Basis of provision",
            "Country",
            "Data items",
            "Purposes",
            "Recipient's privacy notice",
            "The recipient is expected to link this information to you",
            "Data items used jointly",
            "Joint users",
            "Joint users' purposes",
            "Responsible party",
            "The country's system for protecting personal information",
            "Measures the recipient takes",
            "How the data is obtained",
            "How it is provided",
            "How to ask us to stop providing it",
            "How the list is updated",
            "Provided since",
            "Takes the business over on (nothing is provided before)",
            ", ",
            "Ground for provision without consent",
            "For example",
            " and others",
            "Personal data we receive from others",
            "How the provider obtained it",
            "Data items received",
            "Handling outside Japan",
            "Countries where personal data is handled",
            "Personal data is not handled outside Japan",
            "The environment there and our measures",
            "What changed between versions",
            ": ");

    static Labels of(String language) {
        return "ja".equals(language) ? JA : EN;
    }

    String relation(Relation relation) {
        boolean ja = this == JA;
        return switch (relation) {
            case PROCESSOR -> ja ? "委託先" : "Processor";
            case JOINT_USER -> ja ? "共同利用者" : "Joint user";
            case THIRD_PARTY -> ja ? "第三者" : "Third party";
            case SUCCESSOR -> ja ? "事業の承継先" : "Successor to the business";
        };
    }

    String legalBasis(Relation relation, boolean optOutRoute) {
        boolean ja = this == JA;
        return switch (relation) {
            case PROCESSOR -> ja ? "個人データの取扱いの委託" : "Handling entrusted to it on our behalf";
            case JOINT_USER -> ja ? "共同利用" : "Joint use";
            case SUCCESSOR -> ja ? "合併その他の事由による事業の承継" : "Succession to the business by a merger or otherwise";
            case THIRD_PARTY -> optOutRoute
                    ? ja ? "オプトアウト手続による第三者提供" : "Provision under a filed opt-out route"
                    : ja ? "ご本人の同意に基づく第三者提供" : "Provision with your consent";
        };
    }

    /** A ground for provision without consent, with its article of APPI. */
    String ground(LegalGround ground) {
        boolean ja = this == JA;
        String words = switch (ground) {
            case LAWS_AND_REGULATIONS -> ja ? "法令に基づく場合" : "Required by laws and regulations";
            case PROTECTION_OF_LIFE -> ja ? "人の生命、身体又は財産の保護のために必要がある場合"
                    : "Needed to protect a person's life, body or property";
            case PUBLIC_HEALTH -> ja ? "公衆衛生の向上又は児童の健全な育成の推進のために特に必要がある場合"
                    : "Needed for public health or children's sound growth";
            case COOPERATION_WITH_AUTHORITIES -> ja ? "国の機関等の法令の定める事務への協力"
                    : "Cooperation with authorities carrying out duties set by law";
            case ACADEMIC_RESEARCH -> ja ? "学術研究機関等による学術研究" : "Academic research";
            case ENTRUSTMENT -> ja ? "個人データの取扱いの委託" : "Handling entrusted on our behalf";
            case BUSINESS_SUCCESSION -> ja ? "合併その他の事由による事業の承継" : "Business succession";
            case JOINT_USE -> ja ? "共同利用" : "Joint use";
        };
        if (!ja) {
            return words + " (APPI art. " + ground.article() + ")";
        }
        String article = switch (ground) {
            case LAWS_AND_REGULATIONS -> "第27条第1項第1号";
            case PROTECTION_OF_LIFE -> "第27条第1項第2号";
            case PUBLIC_HEALTH -> "第27条第1項第3号";
            case COOPERATION_WITH_AUTHORITIES -> "第27条第1項第4号";
            case ACADEMIC_RESEARCH -> "第27条第1項第5号から第7号";
            case ENTRUSTMENT -> "第27条第5項第1号";
            case BUSINESS_SUCCESSION -> "第27条第5項第2号";
            case JOINT_USE -> "第27条第5項第3号";
        };
        return words + "（個人情報保護法" + article + "）";
    }

    /** What happened to a topic in a version. */
    String change(Revision.Kind kind) {
        boolean ja = this == JA;
        return switch (kind) {
            case ADDED -> ja ? "追加" : "Added";
            case CHANGED -> ja ? "変更" : "Changed";
            case REMOVED -> ja ? "削除" : "Removed";
        };
    }

    /** A label narrowed to one part of it: {@code Responsible party (Name)}. */
    String part(String label, String part) {
        return this == JA ? label + "（" + part + "）" : label + " (" + part + ")";
    }

    String yes() {
        return this == JA ? "はい" : "Yes";
    }
}
