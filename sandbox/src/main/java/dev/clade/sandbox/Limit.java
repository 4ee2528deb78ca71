package dev.clade.sandbox;

/** A limit a local sandbox applies to a run, as named in {@link Breach} and {@link Unobserved}. */
public enum Limit {
    /** {@link Resources#memoryBytes()}. */
    MEMORY(Feature.MEMORY),
    /** {@link Resources#processes()}, or {@link Resources#DEFAULT_PROCESSES}. */
    PROCESSES(Feature.PROCESSES),
    /** {@link Resources#cpuSeconds()}. */
    CPU_TIME(Feature.CPU_TIME),
    /** {@link SandboxRequest#outputLimitBytes()}: how much of each stream its log keeps. */
    OUTPUT("output limit");

    private final String label;

    Limit(String label) {
        this.label = label;
    }

    /** E.g. {@code "memory limit"}, as {@link Feature#name()} says it. */
    public String label() {
        return label;
    }
}
