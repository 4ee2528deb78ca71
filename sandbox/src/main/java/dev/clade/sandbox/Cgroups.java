package dev.clade.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Where this JVM can create a cgroup per run, for the {@code pids} and {@code memory} controllers: the JVM's own
 * group in a writable cgroup v1 hierarchy of that controller, or its own cgroup v2 group when the controller is
 * enabled for its children. Each run's group is a child of that, limited by {@code pids.max} and by {@code
 * memory.limit_in_bytes} (v1) or {@code memory.max} (v2). Found once from {@code /proc/self/cgroup} and {@code
 * /proc/self/mountinfo}, and checked by creating and removing a group.
 */
final class Cgroups {

    static final String PIDS = "pids";
    static final String MEMORY = "memory";

    private static final Logger LOG = Logger.getLogger(Cgroups.class);
    private static final AtomicLong RUNS = new AtomicLong();

    /** No cgroup for runs, for the reason given. */
    static Cgroups none(String why) {
        return new Cgroups(Map.of(), Map.of(PIDS, why, MEMORY, why));
    }

    /** The JVM's group of one controller: its directory and the cgroup version it belongs to. */
    record Group(int version, Path directory) {}

    private final Map<String, Group> groups;
    private final Map<String, String> problems;

    Cgroups(Map<String, Group> groups, Map<String, String> problems) {
        this.groups = Map.copyOf(groups);
        this.problems = Map.copyOf(problems);
    }

    private static final class Host {
        static final Cgroups CGROUPS = discover();
    }

    /** What this host offers, found once per JVM. */
    static Cgroups host() {
        return Host.CGROUPS;
    }

    /** What this host offers, checked by creating and removing a probe group per controller. */
    static Cgroups discover() {
        try {
            String self = Files.readString(Path.of("/proc/self/cgroup"));
            String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
            return probe(locate(self, mounts, List.of(PIDS, MEMORY)));
        } catch (IOException e) {
            return none("no /proc/self/cgroup");
        }
    }

    /**
     * The JVM's group for each controller that a cgroup mount shows, from the text of {@code /proc/self/cgroup} and
     * {@code /proc/self/mountinfo}; a v1 hierarchy wins over v2 for a controller bound to it.
     */
    static Map<String, Group> locate(String selfCgroup, String mountinfo, List<String> controllers) {
        Map<String, Group> found = new LinkedHashMap<>();
        for (String mount : mountinfo.split("\n")) {
            String[] halves = mount.split(" - ", 2);
            String[] fields = halves[0].split(" ");
            if (halves.length < 2 || fields.length < 5) {
                continue;
            }
            String[] tail = halves[1].split(" ");
            String root = fields[3];
            Path point = Path.of(fields[4]);
            for (String line : selfCgroup.split("\n")) {
                String[] entry = line.split(":", 3);
                if (entry.length < 3 || !entry[2].startsWith(root)) {
                    continue;
                }
                Path directory = point.resolve(relative(entry[2], root));
                for (String controller : controllers) {
                    boolean v1 = tail[0].equals("cgroup")
                            && List.of(entry[1].split(",")).contains(controller)
                            && tail.length > 2
                            && List.of(tail[2].split(",")).contains(controller);
                    boolean v2 = tail[0].equals("cgroup2") && entry[0].equals("0") && entry[1].isEmpty();
                    if (v1) {
                        found.put(controller, new Group(1, directory));
                    } else if (v2) {
                        found.putIfAbsent(controller, new Group(2, directory));
                    }
                }
            }
        }
        return found;
    }

    private static String relative(String path, String root) {
        String rest = path.substring(root.length());
        return rest.startsWith("/") ? rest.substring(1) : rest;
    }

    private static Cgroups probe(Map<String, Group> located) {
        Map<String, Group> usable = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        for (String controller : List.of(PIDS, MEMORY)) {
            Group group = located.get(controller);
            Optional<String> problem = group == null
                    ? Optional.of("no cgroup hierarchy with the " + controller + " controller is mounted")
                    : check(controller, group);
            problem.ifPresentOrElse(p -> problems.put(controller, p), () -> usable.put(controller, group));
        }
        return new Cgroups(usable, problems);
    }

    /** Why runs cannot get a child group of {@code group} limited by {@code controller}, if they cannot. */
    private static Optional<String> check(String controller, Group group) {
        Path probe = group.directory()
                .resolve("clade-probe-" + ProcessHandle.current().pid());
        try {
            if (group.version() == 2 && !enabledForChildren(group.directory(), controller)) {
                return Optional.of("cgroup v2 group " + group.directory() + " does not enable " + controller
                        + " for its children (run Clade in a delegated cgroup)");
            }
            Files.createDirectories(probe);
            try {
                String unlimited = controller.equals(MEMORY) && group.version() == 1 ? "-1" : "max";
                Files.writeString(probe.resolve(limitFile(controller, group.version())), unlimited);
            } finally {
                Files.deleteIfExists(probe);
            }
            removeStale(group.directory());
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("cannot create a cgroup v" + group.version() + " group under " + group.directory() + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private static boolean enabledForChildren(Path directory, String controller) throws IOException {
        String enabled = Files.readString(directory.resolve("cgroup.subtree_control"));
        return List.of(enabled.strip().split(" ")).contains(controller);
    }

    static String limitFile(String controller, int version) {
        return switch (controller) {
            case PIDS -> "pids.max";
            case MEMORY -> version == 1 ? "memory.limit_in_bytes" : "memory.max";
            default -> throw new IllegalArgumentException("unknown controller " + controller);
        };
    }

    /** Removes groups left by a Clade that died: named after a pid that no longer runs, and empty by now. */
    private static void removeStale(Path directory) throws IOException {
        try (var children = Files.list(directory)) {
            children.filter(child -> child.getFileName().toString().matches("clade-\\d+-\\d+"))
                    .filter(child -> ProcessHandle.of(Long.parseLong(
                                    child.getFileName().toString().split("-")[1]))
                            .isEmpty())
                    .forEach(child -> child.toFile().delete());
        }
    }

    /** Whether runs get a group limited by this controller. */
    boolean has(String controller) {
        return groups.containsKey(controller);
    }

    /** How a controller is applied, or why it is not. */
    String describe(String controller) {
        Group group = groups.get(controller);
        return group == null
                ? problems.getOrDefault(controller, "not probed")
                : "cgroup v" + group.version() + " " + limitFile(controller, group.version()) + " per run";
    }

    /** A new group for one run, limited as {@code limits} says for every controller available. */
    RunCgroup create(Limits limits) {
        String name = "clade-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
        Map<String, Group> used = new LinkedHashMap<>(groups);
        if (limits.memoryBytes().isEmpty()) {
            used.remove(MEMORY);
        }
        List<RunCgroup.Part> parts = new ArrayList<>();
        used.forEach((controller, group) -> parts.add(new RunCgroup.Part(
                controller, group.version(), group.directory().resolve(name))));
        RunCgroup run = new RunCgroup(parts, limits);
        LOG.tracef("cgroup %s for a run", name);
        return run.open();
    }
}
