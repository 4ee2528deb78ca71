package dev.clade.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What bubblewrap can do on this host, found once per JVM (and bwrap path) by running {@code bwrap ... true}: whether
 * it works at all, and whether with a user namespace of its own.
 *
 * @param bwrap the bwrap that works here, empty when none does
 * @param version what {@code bwrap --version} says
 * @param userNamespace whether runs get a user namespace of their own
 * @param problem why bwrap does not work, or works without a user namespace; empty when it works fully
 * @param root whether Clade runs as uid 0, where RLIMIT_NPROC does not apply
 */
record BubblewrapHost(
        Optional<Path> bwrap, String version, boolean userNamespace, Optional<String> problem, boolean root) {

    private static final Map<Optional<Path>, BubblewrapHost> PROBED = new ConcurrentHashMap<>();
    private static final long PROBE_SECONDS = 20;
    static final List<String> NAMESPACES = List.of(
            "--die-with-parent",
            "--new-session",
            "--unshare-ipc",
            "--unshare-pid",
            "--unshare-uts",
            "--unshare-cgroup-try",
            "--cap-drop",
            "ALL",
            "--ro-bind",
            "/",
            "/",
            "--dev",
            "/dev",
            "--proc",
            "/proc");

    /** The bwrap on this host's PATH, probed once per JVM. */
    static BubblewrapHost probe() {
        return probe(HostTools.find("bwrap"));
    }

    /** That bwrap (or none), probed once per JVM. */
    static BubblewrapHost probe(Optional<Path> bwrap) {
        return PROBED.computeIfAbsent(bwrap, BubblewrapHost::run);
    }

    boolean usable() {
        return bwrap.isPresent();
    }

    private static BubblewrapHost run(Optional<Path> candidate) {
        boolean root = isRoot();
        if (candidate.isEmpty()) {
            return new BubblewrapHost(
                    Optional.empty(), "", false, Optional.of("bubblewrap (bwrap) is not installed"), root);
        }
        Path bwrap = candidate.get();
        String version =
                attempt(List.of(bwrap.toString(), "--version")).output().strip();
        Attempt full = attempt(probeCommand(bwrap, true));
        if (full.succeeded()) {
            return new BubblewrapHost(candidate, version, true, Optional.empty(), root);
        }
        String refused = "user namespaces refused: " + full.output();
        if (root) {
            Attempt withoutUser = attempt(probeCommand(bwrap, false));
            if (withoutUser.succeeded()) {
                return new BubblewrapHost(candidate, version, false, Optional.of(refused), true);
            }
        }
        return new BubblewrapHost(
                Optional.empty(), version, false, Optional.of(bwrap + " does not work here: " + full.output()), root);
    }

    private static List<String> probeCommand(Path bwrap, boolean userNamespace) {
        List<String> argv = new ArrayList<>(List.of(bwrap.toString(), "--unshare-net"));
        if (userNamespace) {
            argv.add("--unshare-user");
        }
        argv.addAll(NAMESPACES);
        argv.addAll(List.of("--tmpfs", "/tmp", "--", "true"));
        return argv;
    }

    private record Attempt(boolean succeeded, String output) {}

    private static Attempt attempt(List<String> argv) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Attempt(false, "no answer within " + PROBE_SECONDS + "s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int exit = process.exitValue();
            return new Attempt(
                    exit == 0,
                    output.isEmpty()
                            ? "exit code " + exit
                            : output.lines().findFirst().get());
        } catch (IOException e) {
            return new Attempt(false, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(false, "interrupted");
        }
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .anyMatch(line -> line.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
