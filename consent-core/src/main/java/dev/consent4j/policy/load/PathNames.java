package dev.consent4j.policy.load;

/** Builds document paths such as {@code purposes[3].recipients[0]}. */
final class PathNames {

    private PathNames() {
    }

    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The last key of a path: {@code refusals} for {@code purposes[2].validity.FR.refusals}. */
    static String last(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
