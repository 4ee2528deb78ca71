package dev.clade.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** What {@link Isolation#strict()} asks of a sandbox: refuse a request that needs a feature this host lacks. */
final class Refusal {

    private Refusal() {}

    /**
     * The result of a strict request that needs a missing feature, its refusal logged (debug) to {@code log}; empty
     * when the request may run.
     */
    static Optional<SandboxResult> refuse(SandboxRequest request, List<Feature> features, Logger log) {
        return check(request, features).map(refused -> {
            log.debugf("%s: %s", request.command(), refused.describe());
            return result(request, refused);
        });
    }

    /** The refusal of a strict request that needs a missing feature; empty when it may run. */
    private static Optional<Termination.Refused> check(SandboxRequest request, List<Feature> features) {
        if (!request.isolation().strict()) {
            return Optional.empty();
        }
        List<String> needed = new ArrayList<>(List.of(Feature.FILESYSTEM, Feature.PROCESSES));
        if (!request.isolation().network()) {
            needed.add(Feature.NETWORK);
        }
        request.resources().memoryBytes().ifPresent(bytes -> needed.add(Feature.MEMORY));
        request.resources().cpuSeconds().ifPresent(seconds -> needed.add(Feature.CPU_TIME));
        String missing = features.stream()
                .filter(feature -> !feature.available() && needed.contains(feature.name()))
                .map(feature -> feature.name() + " (" + feature.detail() + ")")
                .collect(Collectors.joining("; "));
        return missing.isEmpty()
                ? Optional.empty()
                : Optional.of(new Termination.Refused("strict isolation needs what this host lacks: " + missing));
    }

    /** The result of a refused run; its stderr log says why, so that the refusal is kept with the run's logs. */
    private static SandboxResult result(SandboxRequest request, Termination.Refused refused) {
        String reason = "[clade: " + refused.describe() + "]\n";
        return new SandboxResult(
                refused,
                Duration.ZERO,
                new StreamSummary(write(request.stdoutLog(), ""), 0, false, ""),
                new StreamSummary(write(request.stderrLog(), reason), 0, false, reason));
    }

    private static Path write(Path log, String text) {
        try {
            Path parent = log.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.writeString(log, text);
        } catch (IOException e) {
            throw new SandboxException("cannot write log file " + log + ": " + e, e);
        }
    }
}
