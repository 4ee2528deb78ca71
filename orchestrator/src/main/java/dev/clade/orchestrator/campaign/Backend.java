package dev.clade.orchestrator.campaign;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Where a stage runs: in the sandbox on this machine, or as a Slurm or Kubernetes job. */
public enum Backend {
    LOCAL,
    SLURM,
    KUBERNETES;

    /** Name used in specs. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The backend a spec names; empty for a name that is not one. */
    public static Optional<Backend> named(String label) {
        return Arrays.stream(values()).filter(b -> b.label().equals(label)).findFirst();
    }

    /** Every name a spec may use. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(Backend::label).toList();
    }
}
