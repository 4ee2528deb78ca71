package dev.clade.knowledge.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads BibTeX entries ({@code @type{key, name = value, ...}}) from text. Lenient: text between
 * entries is ignored, and reading stops quietly at a truncated entry, keeping the ones before it.
 */
final class BibCursor {

    /** One entry: its type ({@code article}), citation key and raw field values. */
    record Entry(String type, String key, Map<String, String> fields) {}

    private final String text;
    private int at;

    BibCursor(String text) {
        this.text = text;
    }

    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        while ((at = text.indexOf('@', at)) >= 0) {
            at++;
            String type = word();
            skipSpace();
            if (at >= text.length() || (peek() != '{' && peek() != '(')) {
                continue;
            }
            char close = peek() == '{' ? '}' : ')';
            at++;
            Entry entry = entry(type, close);
            if (entry == null) {
                break;
            }
            entries.add(entry);
        }
        return entries;
    }

    private Entry entry(String type, char close) {
        if (type.equalsIgnoreCase("comment") || type.equalsIgnoreCase("preamble") || type.equalsIgnoreCase("string")) {
            return skipBalanced(close) ? new Entry(type, "", Map.of()) : null;
        }
        int comma = text.indexOf(',', at);
        if (comma < 0) {
            return null;
        }
        String key = text.substring(at, comma).strip();
        at = comma + 1;
        Map<String, String> fields = new LinkedHashMap<>();
        while (true) {
            skipSpaceAndCommas();
            if (at >= text.length()) {
                return null;
            }
            if (peek() == close) {
                at++;
                return new Entry(type, key, fields);
            }
            String name = word();
            skipSpace();
            if (name.isEmpty() || at >= text.length() || peek() != '=') {
                return null;
            }
            at++;
            String value = value(close);
            if (value == null) {
                return null;
            }
            fields.put(name, value);
        }
    }

    /** A value: braced, quoted or bare parts joined by {@code #}; null when the text ends inside it. */
    private String value(char close) {
        StringBuilder value = new StringBuilder();
        while (true) {
            skipSpace();
            if (at >= text.length() || !appendPart(value, close)) {
                return null;
            }
            skipSpace();
            if (at < text.length() && peek() == '#') {
                at++;
            } else {
                return value.toString().strip();
            }
        }
    }

    private boolean appendPart(StringBuilder value, char close) {
        int start = at;
        if (peek() == '{' || peek() == '"') {
            char open = peek();
            at++;
            if (!(open == '{' ? skipBalanced('}') : skipQuoted())) {
                return false;
            }
            value.append(text, start + 1, at - 1);
            return true;
        }
        while (at < text.length() && ",#\n".indexOf(peek()) < 0 && peek() != close) {
            at++;
        }
        value.append(text, start, at).append(' ');
        return true;
    }

    /** Moves past the closing character at depth zero; false when the text ends first. */
    private boolean skipBalanced(char close) {
        int depth = 0;
        for (; at < text.length(); at++) {
            char c = text.charAt(at);
            if (c == '{') {
                depth++;
            } else if (c == close && depth == 0) {
                at++;
                return true;
            } else if (c == '}') {
                depth--;
            }
        }
        return false;
    }

    private boolean skipQuoted() {
        int depth = 0;
        for (; at < text.length(); at++) {
            char c = text.charAt(at);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == '"' && depth == 0) {
                at++;
                return true;
            }
        }
        return false;
    }

    private String word() {
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(peek()) || "_-:.".indexOf(peek()) >= 0)) {
            at++;
        }
        return text.substring(start, at);
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(peek())) {
            at++;
        }
    }

    private void skipSpaceAndCommas() {
        while (at < text.length() && (Character.isWhitespace(peek()) || peek() == ',')) {
            at++;
        }
    }

    private char peek() {
        return text.charAt(at);
    }
}
