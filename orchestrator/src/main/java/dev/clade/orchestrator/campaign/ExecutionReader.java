package dev.clade.orchestrator.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clade.orchestrator.campaign.CampaignSpec.Execution;
import dev.clade.orchestrator.campaign.CampaignSpec.ResourceSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads where and with what stages run: {@code backend}, {@code network} and {@code resources}, given for the whole
 * evaluator and overridden per stage (a stage's {@code resources} replace the evaluator's field by field).
 */
final class ExecutionReader {

    static final Set<String> RESOURCE_FIELDS = Set.of("gpus", "cpus", "memory", "cpuTime", "processes");

    private ExecutionReader() {}

    /** The evaluator-level defaults. */
    static Execution defaults(Fields f, JsonNode evaluator) {
        return read(f, evaluator, "evaluator", Execution.local());
    }

    /** A stage's execution: its own fields over the evaluator's. */
    static Execution read(Fields f, JsonNode node, String path, Execution base) {
        String label =
                f.text(node, path, "backend", false).orElse(base.backend().label());
        Optional<Backend> named = Backend.named(label);
        if (named.isEmpty()) {
            f.problem(
                    path + ".backend",
                    "'" + label + "' is not available; allowed: " + String.join(", ", Backend.labels()));
        }
        Backend backend = named.orElse(Backend.LOCAL);
        boolean network = f.bool(node, path, "network").orElse(base.network());
        ResourceSpec resources = f.object(node, path, "resources", false)
                .map(r -> resources(f, r, path + ".resources", base.resources()))
                .orElse(base.resources());
        return new Execution(backend, network, resources);
    }

    private static ResourceSpec resources(Fields f, JsonNode node, String path, ResourceSpec base) {
        f.onlyKnown(node, path, RESOURCE_FIELDS);
        int gpus = f.integer(node, path, "gpus", 0, 64).map(Long::intValue).orElse(base.gpus());
        OptionalInt cpus = f.integer(node, path, "cpus", 1, 1024)
                .map(c -> OptionalInt.of(c.intValue()))
                .orElse(base.cpus());
        OptionalLong memory = f.size(node, path, "memory").map(OptionalLong::of).orElse(base.memoryBytes());
        Optional<Duration> cpuTime = f.duration(node, path, "cpuTime").or(base::cpuTime);
        OptionalInt processes = f.integer(node, path, "processes", 1, 1_000_000)
                .map(p -> OptionalInt.of(p.intValue()))
                .orElse(base.processes());
        return new ResourceSpec(gpus, cpus, memory, cpuTime, processes);
    }

    /** {@code isolation: strict | best-effort}. */
    static boolean strict(Fields f, JsonNode evaluator) {
        return f.text(evaluator, "evaluator", "isolation", false)
                .map(v -> switch (v) {
                    case "strict" -> true;
                    case "best-effort" -> false;
                    default -> {
                        f.problem("evaluator.isolation", "'" + v + "' is not allowed; use strict or best-effort");
                        yield false;
                    }
                })
                .orElse(false);
    }
}
