package dev.consent4j.examples.shop;

import java.util.List;
import java.util.Optional;

/** The example shop's products. */
public final class Catalogue {

    /** One product, named in Japanese and English. */
    public record Product(String id, String nameJa, String nameEn, int priceYen, String descriptionJa, String descriptionEn) {

        public String name(String language) {
            return "ja".equals(language) ? nameJa : nameEn;
        }

        public String description(String language) {
            return "ja".equals(language) ? descriptionJa : descriptionEn;
        }
    }

    private static final List<Product> PRODUCTS = List.of(
            new Product("kuri-yokan", "栗羊羹", "Chestnut yokan", 1800,
                    "丹波栗を練り込んだ羊羹です。", "Red bean jelly with Tanba chestnuts."),
            new Product("tsukimi-dango", "月見団子", "Moon-viewing dango", 650,
                    "十五夜のためのお団子十五個入り。", "Fifteen rice dumplings for the harvest moon."),
            new Product("monaka", "最中詰め合わせ", "Monaka assortment", 2400,
                    "香ばしい皮に粒あんを挟みました。", "Crisp wafers filled with sweet bean paste."),
            new Product("dorayaki", "どら焼き", "Dorayaki", 900,
                    "ふっくら焼いた生地で小豆あんを包みました。", "Soft pancakes around azuki bean paste."));

    private Catalogue() {
    }

    public static List<Product> products() {
        return PRODUCTS;
    }

    public static Optional<Product> product(String id) {
        return PRODUCTS.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
