package dev.clade.sandbox;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where the programs the sandboxes wrap commands in are installed: util-linux's and bubblewrap's. */
final class HostTools {

    private static final List<String> SYSTEM_DIRECTORIES = List.of("/usr/bin", "/bin", "/usr/local/bin", "/usr/sbin");

    private HostTools() {}

    /** The first executable of that name on the JVM's PATH or in the usual system directories. */
    static Optional<Path> find(String name) {
        List<String> directories = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            directories.addAll(List.of(path.split(File.pathSeparator)));
        }
        directories.addAll(SYSTEM_DIRECTORIES);
        return directories.stream()
                .filter(directory -> !directory.isBlank())
                .flatMap(directory -> resolve(directory, name).stream())
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** The program in that directory; never one found through a relative PATH entry such as {@code .}. */
    private static Optional<Path> resolve(String directory, String name) {
        try {
            return Optional.of(Path.of(directory, name)).filter(Path::isAbsolute);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
