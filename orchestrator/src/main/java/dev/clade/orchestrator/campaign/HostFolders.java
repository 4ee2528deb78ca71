package dev.clade.orchestrator.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Host folders that no campaign reads, from the CLI or over REST. */
public final class HostFolders {

    private static final List<Path> SYSTEM = List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));

    /** Why a folder is never read as a target: it is (or links into) {@code /proc}, {@code /sys} or {@code /dev}. */
    public static Optional<String> systemFolder(Path folder) {
        Path real = real(folder);
        return SYSTEM.stream()
                .filter(real::startsWith)
                .findFirst()
                .map(s -> "'" + folder + "' is under " + s + ", a system folder that is never a target");
    }

    /** The absolute path with every link resolved, as far as it exists (judged as written where it cannot be). */
    public static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return Files.exists(absolute) ? absolute.toRealPath() : absolute;
        } catch (IOException e) {
            return absolute;
        }
    }

    private HostFolders() {}
}
