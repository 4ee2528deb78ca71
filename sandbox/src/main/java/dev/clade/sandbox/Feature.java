package dev.clade.sandbox;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * One isolation feature as a sandbox can apply it on this host: how, or why not. A sandbox lists its features once,
 * when it is built, in {@link BubblewrapSandbox#features()} and {@link ProcessSandbox#features()}, and sums them up in
 * {@link Sandbox#isolation()}; with {@link Isolation#strict()} a request that needs a missing one is {@link
 * Termination.Refused} with that feature's name and reason.
 *
 * @param name what is isolated or limited, e.g. {@code "network isolation"} or {@code "process limit"}
 * @param available whether it is applied
 * @param detail how it is applied when available (e.g. {@code "cgroup v1 pids.max"}), otherwise why not (e.g.
 *     {@code "bubblewrap (bwrap) is not installed"})
 */
public record Feature(String name, boolean available, String detail) {

    public static final String FILESYSTEM = "filesystem isolation";
    public static final String NETWORK = "network isolation";
    public static final String PROCESSES = "process limit";
    public static final String MEMORY = "memory limit";
    public static final String CPU_TIME = "CPU-time limit";

    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    public Feature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
    }

    public static Feature applied(String name, String how) {
        return new Feature(name, true, how);
    }

    public static Feature missing(String name, String why) {
        return new Feature(name, false, why);
    }

    /** {@code "name: detail"} for an applied feature, {@code "no name (detail)"} for a missing one. */
    public String describe() {
        return available ? name + ": " + detail : "no " + name + " (" + detail + ")";
    }

    /** The features in one line, applied ones first, separated by semicolons. */
    static String summary(List<Feature> features) {
        return features.stream()
                .sorted((a, b) -> Boolean.compare(b.available, a.available))
                .map(Feature::describe)
                .collect(Collectors.joining("; "));
    }

    /** Logs a sandbox's isolation once per JVM, and with {@code warn} a warning per missing feature. */
    static void reportOnce(Logger log, String isolation, List<Feature> features, boolean warn) {
        if (REPORTED.add(isolation)) {
            log.infof("sandbox isolation on this host: %s", isolation);
            if (warn) {
                features.stream()
                        .filter(feature -> !feature.available())
                        .forEach(feature -> log.warnf("sandbox cannot apply %s: %s", feature.name(), feature.detail()));
            }
        }
    }
}
