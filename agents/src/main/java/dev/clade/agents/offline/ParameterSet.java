package dev.clade.agents.offline;

import dev.clade.agents.edit.EvolveBlocks;
import dev.clade.agents.edit.WorkDirectory;
import dev.clade.agents.proposer.ProposalRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The tunable parameters of every editable file of a work directory, and writing new values back: a file's {@code
 * clade:params} block when it has one, else the numeric literals inside its EVOLVE-BLOCK regions ({@link
 * EvolveLiterals}).
 */
final class ParameterSet {

    private static final long MAX_FILE_BYTES = 4 * 1024 * 1024;

    private final Path root;
    private final Map<String, List<Parameter>> byFile;

    private ParameterSet(Path root, Map<String, List<Parameter>> byFile) {
        this.root = root;
        this.byFile = byFile;
    }

    /** With {@code literals}, a file with neither kind of block gives all its numbers ({@link EvolveLiterals}). */
    static ParameterSet scan(ProposalRequest request, boolean literals) {
        Path root = request.workDir();
        Map<String, List<Parameter>> byFile = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            // Links are never scanned, so never written through: a linked parameter file is edited under its own path.
            // The editable test first: it needs no system call, and most files of a large repository fail it.
            for (Path file : files.filter(p -> editable(request, root, p))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && WorkDirectory.hardLinks(p) == 1)
                    .sorted()
                    .toList()) {
                String relative = relative(root, file);
                if (Files.size(file) > MAX_FILE_BYTES) {
                    continue;
                }
                String text = read(file);
                if (text == null) {
                    continue;
                }
                List<Parameter> params = ParameterBlocks.hasBlock(text)
                        ? ParameterBlocks.parse(relative, text)
                        : EvolveBlocks.marked(text) || !literals
                                ? EvolveLiterals.inBlocks(relative, text)
                                : EvolveLiterals.everywhere(relative, text);
                if (!params.isEmpty()) {
                    byFile.put(relative, params);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + root, e);
        }
        return new ParameterSet(root, byFile);
    }

    private static boolean editable(ProposalRequest request, Path root, Path file) {
        String relative = relative(root, file);
        return !relative.isEmpty()
                && !relative.startsWith(".git/")
                && request.editable().test(relative);
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (byte b : bytes) {
            if (b == 0) {
                return null; // binary
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    boolean isEmpty() {
        return byFile.isEmpty();
    }

    List<Parameter> all() {
        List<Parameter> all = new ArrayList<>();
        byFile.values().forEach(all::addAll);
        return all;
    }

    Map<String, Double> values() {
        Map<String, Double> values = new LinkedHashMap<>();
        all().forEach(p -> values.put(p.key(), p.value()));
        return values;
    }

    /** Writes the values into the files (only files with a changed value are rewritten). */
    void write(Map<String, Double> values) {
        byFile.forEach((file, params) -> {
            boolean changed = params.stream().anyMatch(p -> values.get(p.key()) != p.value());
            if (!changed) {
                return;
            }
            Path path = root.resolve(file);
            try {
                String text = WorkDirectory.read(path);
                WorkDirectory.write(path, ParameterBlocks.rewrite(text, params, values));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot rewrite " + path, e);
            }
        });
    }
}
