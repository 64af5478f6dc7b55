package dev.consent4j.store.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a schema file into statements at semicolons outside quotes, comments and PostgreSQL
 * dollar-quoted bodies.
 */
final class SqlScript {

    private SqlScript() {
    }

    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean dollar = false;
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (!quoted && !dollar && c == '-' && script.startsWith("--", i)) {
                int end = script.indexOf('\n', i);
                i = end < 0 ? script.length() : end + 1;
                current.append('\n');
                continue;
            }
            if (!quoted && script.startsWith("$$", i)) {
                dollar = !dollar;
                current.append("$$");
                i += 2;
                continue;
            }
            if (!dollar && c == '\'') {
                quoted = !quoted;
            }
            if (!quoted && !dollar && c == ';') {
                add(statements, current);
                current.setLength(0);
            } else {
                current.append(c);
            }
            i++;
        }
        add(statements, current);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder statement) {
        String text = statement.toString().strip();
        if (!text.isEmpty()) {
            statements.add(text);
        }
    }
}
