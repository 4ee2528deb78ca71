package dev.clade.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The bwrap arguments for one request: namespaces, then the filesystem view. The root is bound read-only; {@code
 * /dev}, {@code /proc} and {@code /tmp} are the sandbox's own; the host's home and every hidden folder become an
 * empty read-only tmpfs (or {@code /dev/null} for a file); the working directory and the writable folders are bound
 * read-write, the sandbox's read-only folders read-only. Paths are mounted parents first, so a folder inside another
 * gets its own treatment (a writable folder inside a hidden one is reachable, a hidden folder inside the working
 * directory is hidden); for one path given twice, the working directory wins, then hidden, then writable, then read-only.
 */
final class BubblewrapArguments {

    /** The uid and gid a root Clade's commands run as inside their user namespace (nobody). */
    static final String UNPRIVILEGED = "65534";

    private BubblewrapArguments() {}

    /** How a path is mounted; for the same path, a later kind is mounted later and wins. */
    private enum Kind {
        READ_ONLY,
        WRITABLE,
        HIDDEN,
        WORKING_DIRECTORY
    }

    private record Mount(Path path, Kind kind) {

        int depth() {
            return path.getNameCount();
        }
    }

    /**
     * @param home the host's home, hidden unless it is the working directory
     * @param readOnly folders shown read-only even inside the home, a hidden folder or {@code /tmp}
     */
    static List<String> of(
            Path bwrap, SandboxRequest request, BubblewrapHost host, Optional<Path> home, List<Path> readOnly) {
        List<String> argv = new ArrayList<>(List.of(bwrap.toString()));
        if (!request.isolation().network()) {
            argv.add("--unshare-net");
        }
        if (host.userNamespace()) {
            argv.add("--unshare-user");
            if (host.root()) {
                argv.addAll(List.of("--uid", UNPRIVILEGED, "--gid", UNPRIVILEGED));
            }
        }
        argv.addAll(BubblewrapHost.NAMESPACES);
        argv.addAll(List.of("--tmpfs", "/tmp"));
        if (request.resources().gpus() > 0) {
            gpuDevices().forEach(device -> argv.addAll(List.of("--dev-bind", device, device)));
        }
        Path directory = real(request.workingDirectory()).orElseThrow();
        List<Mount> mounts = mounts(request, home, readOnly, directory);
        mounts.forEach(mount -> argv.addAll(mount(mount)));
        mounts.stream() // after the binds, which may need mount points made inside them
                .filter(mount -> mount.kind() == Kind.HIDDEN && Files.isDirectory(mount.path()))
                .forEach(mount ->
                        argv.addAll(List.of("--remount-ro", mount.path().toString())));
        if (!request.environment().containsKey("TMPDIR")) {
            argv.addAll(List.of("--setenv", "TMPDIR", "/tmp"));
        }
        argv.addAll(List.of("--chdir", directory.toString(), "--"));
        return argv;
    }

    private static List<String> mount(Mount mount) {
        String path = mount.path().toString();
        return switch (mount.kind()) {
            case READ_ONLY -> List.of("--ro-bind", path, path);
            case WRITABLE, WORKING_DIRECTORY -> List.of("--bind", path, path);
            case HIDDEN ->
                Files.isDirectory(mount.path()) ? List.of("--tmpfs", path) : List.of("--ro-bind", "/dev/null", path);
        };
    }

    private static List<Mount> mounts(
            SandboxRequest request, Optional<Path> home, List<Path> readOnly, Path directory) {
        Stream<Mount> hidden = Stream.concat(home.stream(), request.isolation().hidden().stream())
                .flatMap(path -> real(path).stream())
                .filter(path -> path.getNameCount() > 0 && !path.equals(directory)) // never the root nor the cwd
                .map(path -> new Mount(path, Kind.HIDDEN));
        return Stream.of(
                        readOnly.stream()
                                .flatMap(path -> real(path).stream())
                                .map(path -> new Mount(path, Kind.READ_ONLY)),
                        request.isolation().writable().stream()
                                .flatMap(path -> real(path).stream())
                                .map(path -> new Mount(path, Kind.WRITABLE)),
                        hidden,
                        Stream.of(new Mount(directory, Kind.WORKING_DIRECTORY)))
                .flatMap(mounts -> mounts)
                .distinct()
                .sorted(Comparator.comparingInt(Mount::depth).thenComparing(Mount::kind))
                .toList();
    }

    /** The real path of an existing file or folder; nothing to mount for one that does not exist. */
    private static Optional<Path> real(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** NVIDIA's device files, which a run that leases GPUs needs inside its own {@code /dev}. */
    private static List<String> gpuDevices() {
        try (Stream<Path> devices = Files.list(Path.of("/dev"))) {
            return devices.map(Path::toString)
                    .filter(name -> name.startsWith("/dev/nvidia"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
