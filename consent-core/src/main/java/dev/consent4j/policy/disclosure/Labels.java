package dev.consent4j.policy.disclosure;

import dev.consent4j.policy.Relation;

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
        String listSeparator) {

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
            "、");

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
            ", ");

    static Labels of(String language) {
        return "ja".equals(language) ? JA : EN;
    }

    String relation(Relation relation) {
        boolean ja = this == JA;
        return switch (relation) {
            case PROCESSOR -> ja ? "委託先" : "Processor";
            case JOINT_USER -> ja ? "共同利用者" : "Joint user";
            case THIRD_PARTY -> ja ? "第三者" : "Third party";
        };
    }

    String legalBasis(Relation relation, boolean optOutRoute) {
        boolean ja = this == JA;
        return switch (relation) {
            case PROCESSOR -> ja ? "個人データの取扱いの委託" : "Handling entrusted to it on our behalf";
            case JOINT_USER -> ja ? "共同利用" : "Joint use";
            case THIRD_PARTY -> optOutRoute
                    ? ja ? "オプトアウト手続による第三者提供" : "Provision under a filed opt-out route"
                    : ja ? "ご本人の同意に基づく第三者提供" : "Provision with your consent";
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
