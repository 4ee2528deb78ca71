package dev.clade.orchestrator.campaign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clade.orchestrator.campaign.CampaignSpec.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The {@code target} field of a spec: the repository (a git URL, or a local path made absolute), its ref and the editable globs. */
final class TargetReader {

    private TargetReader() {}

    static Optional<Target> read(Fields f, ObjectNode node, Path baseDir, boolean checkHost) {
        f.onlyKnown(node, "target", Set.of("repo", "ref", "editable", "program"));
        Optional<String> repo = f.text(node, "target", "repo", true).map(r -> checkHost ? resolve(f, r, baseDir) : r);
        repo.ifPresent(r -> node.put("repo", r));
        String ref = f.text(node, "target", "ref", false).orElse("HEAD");
        List<String> editable = SpecReader.strings(f, node.get("editable"), "target.editable");
        if (node.get("editable") == null) {
            f.problem("target.editable", "required: globs of the files a proposal may change, e.g. [\"src/**/*.py\"]");
        }
        for (int i = 0; i < editable.size(); i++) {
            try {
                EditableGlobs.of(List.of(editable.get(i)));
            } catch (IllegalArgumentException e) {
                f.problem("target.editable[" + i + "]", e.getMessage());
            }
        }
        Optional<String> program = f.text(node, "target", "program", false);
        if (program.isPresent()
                && !EvaluatorReader.PLAIN_PATH.matcher(program.get()).matches()) {
            f.problem(
                    "target.program",
                    "'" + program.get() + "' is not a relative path of letters, digits, '.', '_', '-'"
                            + " and '/' inside the repository");
        } else if (program.isPresent() && !editable.isEmpty() && !editableMatches(editable, program.get())) {
            f.problem("target.program", "'" + program.get() + "' is not editable: add it to target.editable");
        }
        return repo.map(r -> new Target(r, ref, editable, program));
    }

    private static boolean editableMatches(List<String> editable, String path) {
        try {
            return EditableGlobs.of(editable).test(path);
        } catch (IllegalArgumentException e) {
            return true; // reported by target.editable's own check
        }
    }

    private static String resolve(Fields f, String repo, Path baseDir) {
        if (SpecReader.isUrl(repo)) {
            return repo;
        }
        Path path;
        try {
            path = baseDir.resolve(repo).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            f.problem("target.repo", "'" + repo + "' is not a path: " + e.getReason());
            return repo;
        }
        Optional<String> system = HostFolders.systemFolder(path);
        if (system.isPresent()) {
            f.problem("target.repo", system.get());
        } else if (!Files.isDirectory(path)) {
            f.problem(
                    "target.repo",
                    "'" + repo + "' is neither a git URL nor an existing folder (looked at " + path + ")");
        }
        return path.toString();
    }
}
