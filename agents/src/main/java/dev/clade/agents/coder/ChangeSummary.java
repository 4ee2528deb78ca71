package dev.clade.agents.coder;

import dev.clade.agents.edit.WorkDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A one-line idea derived from what a proposal changed, for a model that did not say (no {@code IDEA:} line, no
 * {@code finish} summary): a single changed line reads {@code solver.py: COOLING_RATE = 0.9 -> COOLING_RATE = 0.95},
 * more reads {@code solver.py: lines 12-18 changed (+5 -3)}; up to three files, then how many more.
 */
final class ChangeSummary {

    private static final int MOST_FILES = 3;
    private static final int LINE_CHARS = 80;

    private ChangeSummary() {}

    /** {@code originals}: each changed file's content before the proposal's first edit of it (empty: did not exist). */
    static String of(Path root, Map<String, Optional<String>> originals) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Optional<String>> e : originals.entrySet()) {
            Optional<String> now = read(root.resolve(e.getKey()));
            if (now.equals(e.getValue())) {
                continue; // changed and changed back
            }
            parts.add(e.getKey() + ": " + describe(e.getValue(), now));
        }
        if (parts.isEmpty()) {
            return "Edits that left every file as it was";
        }
        String shown = String.join("; ", parts.subList(0, Math.min(MOST_FILES, parts.size())));
        return parts.size() > MOST_FILES ? shown + "; and " + (parts.size() - MOST_FILES) + " more files" : shown;
    }

    private static String describe(Optional<String> before, Optional<String> after) {
        if (before.isEmpty()) {
            return "created (" + after.orElse("").lines().count() + " lines)";
        }
        if (after.isEmpty()) {
            return "deleted";
        }
        List<String> a = before.get().lines().toList();
        List<String> b = after.get().lines().toList();
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
            start++;
        }
        int endA = a.size();
        int endB = b.size();
        while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
            endA--;
            endB--;
        }
        int removed = endA - start;
        int added = endB - start;
        if (removed == 1 && added == 1) {
            return clip(a.get(start).strip()) + " -> " + clip(b.get(start).strip());
        }
        if (removed == 0 && added == 0) {
            return "whitespace at the end of the file changed";
        }
        int span = Math.max(added, removed);
        return "line" + (span == 1 ? " " : "s ") + (start + 1) + (span > 1 ? "-" + (start + span) : "") + " changed (+"
                + added + " -" + removed + ")";
    }

    private static String clip(String line) {
        return line.length() <= LINE_CHARS ? line : line.substring(0, LINE_CHARS) + "...";
    }

    private static Optional<String> read(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(WorkDirectory.read(file));
        } catch (IOException e) {
            return Optional.of("");
        }
    }
}
