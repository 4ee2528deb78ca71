package dev.clade.orchestrator.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The spec {@code clade import} writes: its parts, filled from the peer's folder, and its YAML. */
final class PeerSpec {
    final String name;
    final String program;
    String goal;
    int experiments = 40;
    int parallelism = 1;
    long seed = 0;
    int timeoutSeconds = 300;
    final List<String> stages = new ArrayList<>();
    /** The parameters of strategy islands, when the peer's config names islands or a grid; else greedy. */
    Map<String, String> islands;

    private String strategy() {
        if (islands == null) {
            return "  kind: greedy\n";
        }
        List<String> params = new ArrayList<>();
        islands.forEach((key, value) -> params.add(key + ": " + value));
        return "  kind: islands\n  params: {" + String.join(", ", params) + "}\n";
    }

    PeerSpec(String name, String program) {
        this.name = name;
        this.program = program;
    }

    String yaml(PeerImport.Peer peer) {
        return "# Written by `clade import " + peer.command() + "` from this " + peer.title() + " problem folder;"
                + " edit it freely.\n"
                + "name: " + name + "\n"
                + "goal: " + PeerValues.quote(goal) + "\n"
                + "target:\n"
                + "  repo: .\n"
                + "  editable: [" + program + "]\n"
                + "  program: " + program + "\n"
                + "evaluator:\n"
                + "  metric: combined_score\n"
                + "  direction: maximize\n"
                + "  stages:\n"
                + String.join("\n", stages) + "\n"
                + "strategy:\n"
                + strategy()
                + "proposer:\n"
                + "  kind: offline   # tunes the numbers inside the program's EVOLVE-BLOCK regions; no key needed\n"
                + "budget:\n"
                + "  experiments: " + Math.max(1, experiments) + "\n"
                + "parallelism: " + Math.max(1, Math.min(PeerImport.MAX_PARALLELISM, parallelism)) + "\n"
                + "seed: " + seed + "\n";
    }
}
