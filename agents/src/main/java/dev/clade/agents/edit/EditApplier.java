package dev.clade.agents.edit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Applies edits to a work directory, all or nothing: every edit is first applied in memory, in order (later edits see
 * earlier ones), and files are written only when all of them applied. Paths outside the directory, through a symbolic
 * link (see {@link WorkDirectory#forWriting}), under {@code .git}, or not accepted by the editable predicate (evaluator
 * files and everything outside {@code target.editable}) are refused, and so is a change of a file with {@link
 * EvolveBlocks} outside its blocks or of the markers themselves.
 */
public final class EditApplier {

    private final WorkDirectory work;
    private final Predicate<String> editable;

    public EditApplier(Path root, Predicate<String> editable) {
        this.work = WorkDirectory.of(root);
        this.editable = editable;
    }

    public EditReport apply(List<FileEdit> edits) {
        Map<String, Optional<String>> pending = new LinkedHashMap<>();
        Map<String, Optional<String>> originals = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (FileEdit edit : edits) {
            Optional<String> path = checkPath(edit.path(), failures);
            if (path.isEmpty()) {
                continue;
            }
            Optional<String> current = pending.containsKey(path.get())
                    ? pending.get(path.get())
                    : originals.computeIfAbsent(path.get(), this::read);
            try {
                pending.put(path.get(), change(edit, path.get(), current));
            } catch (NotApplicable e) {
                failures.add(e.getMessage());
            }
        }
        pending.forEach((path, content) -> originals
                .get(path)
                .flatMap(before -> EvolveBlocks.violation(path, before, content.orElse("")))
                .ifPresent(failures::add));
        if (!failures.isEmpty()) {
            return new EditReport(List.of(), failures);
        }
        pending.forEach(this::write);
        Map<String, Optional<String>> before = new LinkedHashMap<>();
        pending.keySet().forEach(path -> before.put(path, originals.get(path)));
        return new EditReport(List.copyOf(pending.keySet()), List.of(), before);
    }

    /** The path made relative and checked, or empty with a failure recorded. */
    public Optional<String> checkPath(String raw, List<String> failures) {
        String cleaned = raw.replace('\\', '/').trim();
        if (cleaned.isEmpty()) {
            failures.add("an edit names no file");
            return Optional.empty();
        }
        return switch (work.forWriting(cleaned)) {
            case WorkDirectory.Refused refused -> {
                failures.add(refused.reason());
                yield Optional.empty();
            }
            case WorkDirectory.Inside inside -> checkName(raw, inside.relative(), failures);
        };
    }

    private Optional<String> checkName(String raw, String relative, List<String> failures) {
        if (relative.isEmpty()) {
            failures.add(raw + " is outside the work directory; use a path relative to the repository root");
            return Optional.empty();
        }
        if (relative.equals(".git") || relative.startsWith(".git/")) {
            failures.add(relative + " is inside .git, which cannot be edited");
            return Optional.empty();
        }
        if (!editable.test(relative)) {
            failures.add(relative + " is not editable: only files matching target.editable may change, and the"
                    + " evaluator's files are pinned");
            return Optional.empty();
        }
        return Optional.of(relative);
    }

    private Optional<String> change(FileEdit edit, String path, Optional<String> current) throws NotApplicable {
        return switch (edit) {
            case FileEdit.WholeFile w -> Optional.of(w.content());
            case FileEdit.SearchReplace sr -> Optional.of(searchReplace(path, sr, current));
            case FileEdit.Patch p -> patch(path, p, current);
        };
    }

    private static String searchReplace(String path, FileEdit.SearchReplace sr, Optional<String> current)
            throws NotApplicable {
        if (sr.search().isBlank()) {
            if (current.isPresent()) {
                throw new NotApplicable("the SEARCH part for " + path + " is empty, but the file exists; copy the"
                        + " lines to replace into SEARCH (an empty SEARCH only creates a new file)");
            }
            return sr.replace();
        }
        String text = current.orElseThrow(() ->
                new NotApplicable(path + " does not exist; to create it, leave SEARCH empty or write the whole file"));
        int first = text.indexOf(sr.search());
        if (first >= 0) {
            if (text.indexOf(sr.search(), first + 1) >= 0) {
                throw new NotApplicable("the SEARCH text occurs more than once in " + path
                        + "; include more surrounding lines so that it is unique");
            }
            return text.substring(0, first)
                    + sr.replace()
                    + text.substring(first + sr.search().length());
        }
        Lines file = Lines.of(text);
        List<TextMatch.Found> found =
                TextMatch.find(file.lines(), sr.search().lines().toList());
        if (found.isEmpty()) {
            throw new NotApplicable("the SEARCH text was not found in " + path + hint(file, sr.search())
                    + "; read the file again and copy the lines exactly");
        }
        if (found.size() > 1) {
            throw new NotApplicable("the SEARCH text matches " + found.size() + " places in " + path
                    + " (lines " + found.stream().map(f -> f.start() + 1).toList()
                    + "); include more surrounding lines so that it is unique");
        }
        return file.replace(found.getFirst(), sr.replace().lines().toList());
    }

    private static Optional<String> patch(String path, FileEdit.Patch p, Optional<String> current)
            throws NotApplicable {
        if (p.deleted()) {
            if (current.isEmpty()) {
                throw new NotApplicable("the diff deletes " + path + ", which does not exist");
            }
            return Optional.empty();
        }
        if (current.isEmpty() && !p.created()) {
            throw new NotApplicable(
                    "the diff changes " + path + ", which does not exist (use --- /dev/null to create)");
        }
        Lines file = Lines.of(current.orElse(""));
        int hunkNumber = 0;
        for (FileEdit.Hunk hunk : p.hunks()) {
            hunkNumber++;
            if (hunk.oldLines().isEmpty()) {
                file = file.insert(
                        Math.min(Math.max(hunk.oldStart() - 1, 0), file.lines().size()), hunk.newLines());
                continue;
            }
            List<TextMatch.Found> found = TextMatch.find(file.lines(), hunk.oldLines());
            if (found.isEmpty()) {
                throw new NotApplicable("hunk " + hunkNumber + " of the diff of " + path
                        + " does not match the file: its context and '-' lines must be the file's current lines");
            }
            // Several matches: the one nearest the line the hunk names, as patch(1) does.
            TextMatch.Found nearest = found.stream()
                    .min((a, b) -> Integer.compare(
                            Math.abs(a.start() + 1 - hunk.oldStart()), Math.abs(b.start() + 1 - hunk.oldStart())))
                    .orElseThrow();
            file = Lines.of(file.replace(nearest, hunk.newLines()));
        }
        return Optional.of(file.text());
    }

    private static String hint(Lines file, String search) {
        String firstLine =
                search.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < file.lines().size(); i++) {
            if (!firstLine.isEmpty() && file.lines().get(i).strip().equals(firstLine)) {
                at.add(i + 1);
            }
        }
        return at.isEmpty() ? "" : " (its first line appears at line " + at + ", but the lines after it differ)";
    }

    private Optional<String> read(String path) {
        Path file = work.root().resolve(path);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(WorkDirectory.read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void write(String path, Optional<String> content) {
        Path file = work.root().resolve(path);
        try {
            if (content.isEmpty()) {
                Files.deleteIfExists(file);
            } else {
                WorkDirectory.write(file, content.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** An edit that does not apply; the message is for the model. */
    private static final class NotApplicable extends Exception {
        NotApplicable(String message) {
            super(message, null, false, false);
        }
    }

    /** A file as lines, remembering whether it ended with a newline. */
    private record Lines(List<String> lines, boolean finalNewline) {
        static Lines of(String text) {
            return new Lines(text.lines().toList(), text.isEmpty() || text.endsWith("\n"));
        }

        String replace(TextMatch.Found at, List<String> replacement) {
            List<String> out = new ArrayList<>(lines.subList(0, at.start()));
            out.addAll(at.reindent(replacement));
            out.addAll(lines.subList(at.end(), lines.size()));
            return new Lines(out, finalNewline).text();
        }

        Lines insert(int at, List<String> added) {
            List<String> out = new ArrayList<>(lines.subList(0, at));
            out.addAll(added);
            out.addAll(lines.subList(at, lines.size()));
            return new Lines(out, finalNewline);
        }

        String text() {
            return lines.isEmpty() ? "" : String.join("\n", lines) + (finalNewline ? "\n" : "");
        }
    }
}
