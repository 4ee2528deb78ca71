package dev.clade.orchestrator.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files a campaign's stages run ({@code evaluator.files}): pinned to the base commit whatever {@code
 * target.editable} says, since a proposer that may rewrite its own evaluator games it (the Darwin Gödel Machine's
 * agents learned to). By default they are the repository files the stage commands name.
 */
final class EvaluatorFiles {

    /** A word of a command that reads as a path in the checkout: relative, with an extension or a folder. */
    private static final Pattern PATH_WORD =
            Pattern.compile("(?:\\./)?[A-Za-z0-9_][A-Za-z0-9_.+@-]*(?:/[A-Za-z0-9_.+@-]+)*");

    /** How many files of a local target the coverage check looks at. */
    private static final int MAX_SCANNED = 20_000;

    private EvaluatorFiles() {}

    /**
     * The default: every word of a stage command that names a path with an extension or a folder ({@code evaluate.py},
     * {@code scripts/check.sh}), anchored at the checkout's top ({@code /evaluate.py}), as the stages run there — but
     * not a file that {@code target.editable} names word for word: a stage may run the very program being improved
     * ({@code python3 solver.py} with {@code editable: [solver.py]}), while a glob that merely covers the evaluator
     * ({@code *.py}) is the mistake this guards against.
     */
    static List<String> namedIn(List<CampaignSpec.Stage> stages, List<String> editable) {
        EditableGlobs named = literal(editable);
        Set<String> files = new LinkedHashSet<>();
        for (CampaignSpec.Stage stage : stages) {
            for (String word : stage.command().split("[\\s;&|<>()'\"=`$]+")) {
                if (PATH_WORD.matcher(word).matches()
                        && (word.contains(".") || word.contains("/"))
                        && !word.startsWith("..")
                        && !named.test(word.replaceFirst("^\\./", ""))) {
                    files.add("/" + word.replaceFirst("^\\./", ""));
                }
            }
        }
        return List.copyOf(files);
    }

    /** The editable entries that name a file or folder word for word, without wildcards or {@code !}. */
    private static EditableGlobs literal(List<String> editable) {
        List<String> literal = editable.stream()
                .map(String::strip)
                .filter(e -> !e.isEmpty() && !e.startsWith("!") && !e.startsWith("#") && !e.matches(".*[*?\\[\\\\].*"))
                .toList();
        try {
            return EditableGlobs.of(literal);
        } catch (IllegalArgumentException e) {
            return EditableGlobs.of(List.of()); // reported by target.editable's own check
        }
    }

    /**
     * The files that {@code editable} would let a proposal change although {@code pinned} pins them: the paths the
     * pinned globs spell out, and the files of a local target folder they match.
     */
    static List<String> covered(EditableGlobs editable, List<String> pinnedGlobs, Path localTarget) {
        EditableGlobs pinned = EditableGlobs.of(pinnedGlobs);
        Set<String> candidates = new LinkedHashSet<>();
        for (String glob : pinnedGlobs) {
            String path = glob.strip().replaceFirst("^/+", "");
            if (!path.isEmpty() && !path.startsWith("!") && !path.matches(".*[*?\\[\\\\].*")) {
                candidates.add(path);
            }
        }
        if (localTarget != null && Files.isDirectory(localTarget)) {
            candidates.addAll(filesOf(localTarget).stream().filter(pinned).toList());
        }
        return candidates.stream().filter(editable).toList();
    }

    private static List<String> filesOf(Path root) {
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.toString().contains("/.git/"))
                    .filter(Files::isRegularFile)
                    .limit(MAX_SCANNED)
                    .forEach(p -> files.add(root.relativize(p).toString().replace('\\', '/')));
        } catch (IOException | UncheckedIOException e) {
            // The folder's own check reports an unreadable target; the literal paths are still checked.
        }
        return files;
    }
}
