package dev.clade.orchestrator.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folders under the host's home that evaluators need to read although the sandbox hides the home: the toolchains
 * their commands run from. For each entry of {@code PATH} inside the home, the home's child that holds it ({@code
 * ~/.pyenv} for {@code ~/.pyenv/shims}, {@code ~/.cargo} for {@code ~/.cargo/bin}), and the roots version managers name
 * in the environment. They are shown read-only; nothing else of the home is visible.
 */
final class Toolchains {

    static final List<String> ROOTS =
            List.of("PYENV_ROOT", "CONDA_PREFIX", "VIRTUAL_ENV", "CARGO_HOME", "RUSTUP_HOME", "SDKMAN_DIR", "NVM_DIR");

    private Toolchains() {}

    static List<Path> underHome(Path home, Map<String, String> env, List<Path> extra) {
        Path h = home.toAbsolutePath().normalize();
        Set<Path> found = new LinkedHashSet<>();
        for (String entry : env.getOrDefault("PATH", "").split(":")) {
            topUnder(h, entry).ifPresent(found::add);
        }
        for (String root : ROOTS) {
            if (env.containsKey(root)) {
                topUnder(h, env.get(root)).ifPresent(found::add);
            }
        }
        if (found.contains(h.resolve(".cargo")) && Files.isDirectory(h.resolve(".rustup"))) {
            found.add(h.resolve(".rustup")); // cargo's proxies need rustup's toolchains
        }
        found.addAll(extra);
        return found.stream().filter(Files::isDirectory).toList();
    }

    private static java.util.Optional<Path> topUnder(Path home, String entry) {
        if (entry == null || entry.isBlank() || !entry.startsWith("/")) {
            return java.util.Optional.empty();
        }
        Path p = Path.of(entry).normalize();
        if (!p.startsWith(home) || p.equals(home)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(home.resolve(home.relativize(p).getName(0)));
    }
}
