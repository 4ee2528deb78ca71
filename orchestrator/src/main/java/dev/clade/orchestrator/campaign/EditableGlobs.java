package dev.clade.orchestrator.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The editable paths of a target, written as globs over repository-relative paths with {@code /} separators, read
 * the way {@code .gitignore} reads its patterns:
 *
 * <ul>
 *   <li>{@code *} matches any characters except {@code /}, {@code ?} one such character, {@code [a-z]} and
 *       {@code [!a-z]} one character of (or not of) a set, {@code \} quotes the next character;
 *   <li>{@code **} matches across {@code /}: {@code **}{@code /x} is {@code x} at any depth, {@code a/**} everything
 *       inside {@code a}, {@code a/**}{@code /b} zero or more directories between;
 *   <li>a pattern with no {@code /} but a trailing one matches a name at any depth ({@code *.py}, {@code __init__.py});
 *       a pattern with a {@code /} (a leading one is dropped) is anchored at the top;
 *   <li>a pattern that matches a directory matches everything inside it ({@code src} and {@code src/} make all of
 *       {@code src} editable); a trailing {@code /} matches directories only;
 *   <li>a pattern starting with {@code !} takes paths back out; the last pattern that matches a path decides;
 *       blank patterns and those starting with {@code #} are skipped.
 * </ul>
 *
 * An empty list makes nothing editable.
 */
public final class EditableGlobs implements Predicate<String> {

    private record Rule(String glob, Pattern pattern, boolean negated, boolean directoryOnly) {}

    private final List<Rule> rules;

    private EditableGlobs(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** A predicate over repository-relative paths; throws {@link IllegalArgumentException} naming a bad glob. */
    public static EditableGlobs of(List<String> globs) {
        Objects.requireNonNull(globs, "globs");
        List<Rule> rules = new ArrayList<>();
        for (String glob : globs) {
            Objects.requireNonNull(glob, "glob");
            String text = glob.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            boolean negated = text.startsWith("!");
            text = negated ? text.substring(1) : text;
            boolean directoryOnly = text.endsWith("/");
            text = text.replaceAll("/+$", "");
            boolean anchored = text.contains("/");
            text = text.replaceAll("^/+", "");
            if (text.isEmpty()) {
                throw new IllegalArgumentException("editable glob '" + glob + "' names no path");
            }
            String regex = (anchored ? "" : "(?:.*/)?") + translate(text, glob);
            rules.add(new Rule(glob, Pattern.compile(regex), negated, directoryOnly));
        }
        return new EditableGlobs(rules);
    }

    /** Whether the path (relative, {@code /}-separated, no leading {@code /}) is editable. */
    @Override
    public boolean test(String path) {
        boolean editable = false;
        for (Rule rule : rules) {
            if (matches(rule, path)) {
                editable = !rule.negated();
            }
        }
        return editable;
    }

    private static boolean matches(Rule rule, String path) {
        if (!rule.directoryOnly() && rule.pattern().matcher(path).matches()) {
            return true;
        }
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            if (rule.pattern().matcher(path.substring(0, slash)).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String translate(String glob, String original) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (glob.startsWith("**/", i) && (i == 0 || glob.charAt(i - 1) == '/')) {
                regex.append("(?:.*/)?");
                i += 3;
            } else if (glob.startsWith("**", i)) {
                regex.append(".*");
                i += 2;
            } else if (c == '*') {
                regex.append("[^/]*");
                i++;
            } else if (c == '?') {
                regex.append("[^/]");
                i++;
            } else if (c == '[') {
                i = characterClass(glob, i, regex, original);
            } else if (c == '\\' && i + 1 < glob.length()) {
                regex.append(Pattern.quote(String.valueOf(glob.charAt(i + 1))));
                i += 2;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return regex.toString();
    }

    private static int characterClass(String glob, int open, StringBuilder regex, String original) {
        int close = glob.indexOf(']', open + 2);
        if (close < 0) {
            throw new IllegalArgumentException("editable glob '" + original + "' has an unclosed '['");
        }
        String body = glob.substring(open + 1, close);
        boolean negated = body.startsWith("!") || body.startsWith("^");
        body = negated ? body.substring(1) : body;
        regex.append(negated ? "[^/" : "[");
        for (char c : body.toCharArray()) {
            regex.append(c == '-' ? "-" : Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
        }
        regex.append(']');
        return close + 1;
    }

    @Override
    public String toString() {
        return "EditableGlobs" + rules.stream().map(Rule::glob).toList();
    }
}
