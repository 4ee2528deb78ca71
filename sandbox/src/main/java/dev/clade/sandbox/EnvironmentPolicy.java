package dev.clade.sandbox;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which host environment variables a sandboxed command inherits: only allowlisted names, and never one
 * whose name looks like it holds a secret, even when allowlisted. The command starts from an empty
 * environment; the request's own variables are added after this policy is applied.
 *
 * @param names variable names copied from the host when present, e.g. {@code PATH}
 * @param prefixes name prefixes copied from the host, e.g. {@code LC_}
 */
public record EnvironmentPolicy(Set<String> names, Set<String> prefixes) {

    /** A name containing any of these (case-insensitive) is never copied from the host. */
    public static final List<String> SECRET_MARKERS =
            List.of("KEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL", "AUTH", "COOKIE");

    public EnvironmentPolicy {
        names = Set.copyOf(Objects.requireNonNull(names, "names"));
        prefixes = Set.copyOf(Objects.requireNonNull(prefixes, "prefixes"));
        if (prefixes.contains("")) {
            throw new IllegalArgumentException("an empty prefix would copy the whole host environment");
        }
    }

    /** Locale, paths, user identity and the usual language toolchains; nothing else. */
    public static EnvironmentPolicy defaults() {
        return new EnvironmentPolicy(
                Set.of(
                        "PATH",
                        "HOME",
                        "USER",
                        "LOGNAME",
                        "SHELL",
                        "LANG",
                        "LANGUAGE",
                        "TZ",
                        "TERM",
                        "TMPDIR",
                        "JAVA_HOME",
                        "PYENV_ROOT",
                        "PYENV_VERSION",
                        "VIRTUAL_ENV",
                        "CONDA_PREFIX"),
                Set.of("LC_"));
    }

    /** Whether a host variable of this name may be copied. */
    public boolean allows(String name) {
        boolean listed = names.contains(name) || prefixes.stream().anyMatch(name::startsWith);
        return listed && !looksSecret(name);
    }

    /** The part of the host environment a command may see. */
    public Map<String, String> filter(Map<String, String> host) {
        Map<String, String> kept = new TreeMap<>();
        host.forEach((name, value) -> {
            if (allows(name)) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    /** Whether a variable's name suggests it holds a credential. */
    public static boolean looksSecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return SECRET_MARKERS.stream().anyMatch(upper::contains);
    }
}
