package dev.consent4j.servlet;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/** Reports each name once, keeping at most a bounded number of names. */
final class NameReport {

    private final Logger log;
    private final int capacity;
    private final Set<String> names = ConcurrentHashMap.newKeySet();

    NameReport(Logger log, int capacity) {
        this.log = log;
        this.capacity = capacity;
    }

    void report(String name, String format) {
        if (names.size() < capacity && names.add(name)) {
            log.warn(format, printable(name));
        }
    }

    Set<String> names() {
        return Set.copyOf(names);
    }

    /** Names come from responses the shop's code writes, but keep control characters out of the log. */
    private static String printable(String name) {
        StringBuilder clean = new StringBuilder(Math.min(name.length(), 100));
        for (int i = 0; i < name.length() && i < 100; i++) {
            char c = name.charAt(i);
            clean.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return clean.toString();
    }
}
