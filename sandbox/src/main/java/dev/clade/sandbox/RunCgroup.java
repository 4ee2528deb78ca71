package dev.clade.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The cgroup of one run, in one directory per hierarchy (one in all for cgroup v2, one per controller for v1). The
 * command joins it before it starts (see {@link #joinPrefix}), so every process it forks is counted; it is removed
 * once the run's processes are gone.
 */
final class RunCgroup implements AutoCloseable {

    /** One controller of the run: the directory its group lives in. */
    record Part(String controller, int version, Path directory) {}

    private static final Logger LOG = Logger.getLogger(RunCgroup.class);
    private static final int REMOVE_ATTEMPTS = 200;
    private static final long REMOVE_PAUSE_MILLIS = 10;
    /** Writes its own pid into each file up to "--", then becomes the command. */
    private static final String JOIN_SCRIPT =
            "while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 125; shift; done; shift; exec \"$@\"";

    private final List<Part> parts;
    private final Limits limits;
    private final List<Unobserved> unobserved = new ArrayList<>();

    RunCgroup(List<Part> parts, Limits limits) {
        this.parts = List.copyOf(parts);
        this.limits = limits;
    }

    /** Creates the directories and writes the limits; removes what it made if that fails. */
    RunCgroup open() {
        try {
            for (Part part : parts) {
                Files.createDirectories(part.directory());
                switch (part.controller()) {
                    case Cgroups.PIDS -> write(part, "pids.max", limits.processes());
                    case Cgroups.MEMORY ->
                        limitMemory(part, limits.memoryBytes().orElseThrow());
                    default -> throw new IllegalStateException("unknown controller " + part.controller());
                }
                if (counter(part).isEmpty()) {
                    unobserved.add(new Unobserved(
                            part.controller().equals(Cgroups.PIDS) ? Limit.PROCESSES : Limit.MEMORY,
                            "the run's cgroup v" + part.version() + " shows no count of breaches (an older kernel)"));
                }
            }
            return this;
        } catch (IOException e) {
            close();
            throw new SandboxException("cannot set up the run's cgroup: " + e, e);
        }
    }

    private static void limitMemory(Part part, long bytes) throws IOException {
        if (part.version() == 1) {
            write(part, "memory.limit_in_bytes", bytes);
            writeIfPresent(part, "memory.memsw.limit_in_bytes", Long.toString(bytes)); // no swapping past it
        } else {
            write(part, "memory.max", bytes);
            writeIfPresent(part, "memory.swap.max", "0");
        }
    }

    private static void write(Part part, String file, long value) throws IOException {
        Files.writeString(part.directory().resolve(file), Long.toString(value));
    }

    private static void writeIfPresent(Part part, String file, String value) throws IOException {
        Path path = part.directory().resolve(file);
        if (Files.exists(path)) {
            Files.writeString(path, value);
        }
    }

    /** {@code /bin/sh -c <join> clade-cgroup <procs files> --}: the argv prefix that moves the command in. */
    List<String> joinPrefix() {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", JOIN_SCRIPT, "clade-cgroup"));
        directories()
                .forEach(directory -> argv.add(directory.resolve("cgroup.procs").toString()));
        argv.add("--");
        return argv;
    }

    /** What the kernel counted: forks refused at the process limit, processes killed out of memory. */
    List<Breach> breaches() {
        List<Breach> breaches = new ArrayList<>();
        for (Part part : parts) {
            Optional<Long> counted = counter(part).filter(count -> count > 0);
            if (part.controller().equals(Cgroups.PIDS)) {
                counted.ifPresent(refused -> breaches.add(new Breach.ForksRefused(limits.processes(), refused)));
            } else {
                counted.ifPresent(killed ->
                        breaches.add(new Breach.Memory(limits.memoryBytes().orElseThrow(), killed)));
            }
        }
        return breaches;
    }

    /** The limits whose counter this kernel does not keep ({@code oom_kill} came with Linux 4.13), found at open. */
    List<Unobserved> unobserved() {
        return List.copyOf(unobserved);
    }

    /** The kernel's count of breaches of the part's limit: forks refused, or processes killed out of memory. */
    private static Optional<Long> counter(Part part) {
        return part.controller().equals(Cgroups.PIDS)
                ? counter(part.directory().resolve("pids.events"), "max")
                : counter(
                        part.directory().resolve(part.version() == 1 ? "memory.oom_control" : "memory.events"),
                        "oom_kill");
    }

    private static Optional<Long> counter(Path file, String key) {
        try {
            return Files.readAllLines(file).stream()
                    .map(line -> line.split(" "))
                    .filter(fields -> fields.length == 2 && fields[0].equals(key))
                    .map(fields -> Long.parseLong(fields[1]))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Removes the groups, waiting (bounded) for exiting processes to leave them. */
    @Override
    public void close() {
        for (Path directory : directories()) {
            for (int attempt = 0; Files.exists(directory) && !directory.toFile().delete(); attempt++) {
                if (attempt == REMOVE_ATTEMPTS) {
                    LOG.warnf("cgroup %s still has processes; left in place", directory);
                    break;
                }
                pause();
            }
        }
    }

    private List<Path> directories() {
        return parts.stream().map(Part::directory).distinct().toList();
    }

    private static void pause() {
        try {
            Thread.sleep(REMOVE_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
