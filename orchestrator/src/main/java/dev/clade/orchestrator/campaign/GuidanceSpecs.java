package dev.clade.orchestrator.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clade.orchestrator.campaign.CampaignSpec.MemorySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The spec's {@code memory} and {@code knowledge} fields, read for {@link SpecReader}. */
final class GuidanceSpecs {

    private GuidanceSpecs() {}

    static MemorySpec memory(Fields f, JsonNode node, boolean hasModel) {
        f.onlyKnown(node, "memory", Set.of("enabled", "recall", "scope", "distiller"));
        String distiller = f.text(node, "memory", "distiller", false).orElse(hasModel ? "llm" : "deterministic");
        if (!distiller.equals("llm") && !distiller.equals("deterministic")) {
            f.problem(
                    "memory.distiller",
                    "'" + distiller + "' is not allowed; use llm (the proposer's model writes lessons too) or"
                            + " deterministic (error signatures and parameter effects only)");
        } else if (distiller.equals("llm") && !hasModel) {
            f.problem(
                    "memory.distiller",
                    "llm needs a model: the offline proposer has none (use proposer.kind llm, or distiller:"
                            + " deterministic)");
        }
        boolean enabled = f.bool(node, "memory", "enabled").orElse(true);
        int recall = f.integer(node, "memory", "recall", 0, 50).orElse(5L).intValue();
        String scope = f.text(node, "memory", "scope", false).orElse("campaign");
        if (!scope.equals("campaign") && !scope.equals("global")) {
            f.problem(
                    "memory.scope",
                    "'" + scope + "' is not allowed; use campaign (this campaign's lessons and the global ones) or"
                            + " global (every campaign's)");
        }
        return new MemorySpec(enabled, recall, scope.equals("global"), distiller.equals("llm") && hasModel);
    }

    /**
     * Knowledge sources ingested at the campaign's start: folders or files (relative to the spec's folder) and git
     * URLs.
     */
    static List<String> knowledge(Fields f, JsonNode node, Path baseDir, boolean checkHost) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            f.problem("knowledge", "must be a list of sources (folders, files or git URLs), e.g. [docs, papers.bib]");
            return List.of();
        }
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode s = node.get(i);
            String path = "knowledge[" + i + "]";
            if (!s.isTextual() || s.asText().isBlank()) {
                f.problem(path, Fields.describe(s) + " is not a source; use a folder, a file or a git URL");
                continue;
            }
            String source = s.asText().strip();
            if (SpecReader.isUrl(source) || !checkHost) {
                sources.add(source);
                continue;
            }
            Path local = baseDir.resolve(source).normalize().toAbsolutePath();
            if (!Files.exists(local)) {
                f.problem(path, "'" + source + "' does not exist (resolved to " + local + ")");
            }
            sources.add(local.toString());
        }
        return sources;
    }
}
