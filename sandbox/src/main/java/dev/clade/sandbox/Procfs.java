package dev.clade.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What Linux's {@code /proc} says about processes that {@link ProcessHandle} cannot: session ids and
 * zombies. Where {@code /proc} is missing every answer is empty, so callers fall back to what
 * {@link ProcessHandle} alone knows.
 */
final class Procfs {

    private static final Path PROC = Path.of("/proc");

    private Procfs() {}

    /** One line of {@code /proc/<pid>/stat}, the fields we use. */
    record Stat(char state, long parentPid, long groupId, long sessionId) {

        /** Zombies ({@code Z}) and dead entries ({@code X}) have exited; they only wait to be reaped. */
        boolean running() {
            return state != 'Z' && state != 'X' && state != 'x';
        }
    }

    static Optional<Stat> stat(long pid) {
        try {
            String line = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            // the command name is in parentheses and may itself hold spaces and parentheses
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new Stat(
                    fields[0].charAt(0),
                    Long.parseLong(fields[1]),
                    Long.parseLong(fields[2]),
                    Long.parseLong(fields[3])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone, or not Linux
        }
    }

    /** Whether /proc shows the process as exited but not yet reaped. */
    static boolean isZombie(long pid) {
        return stat(pid).map(stat -> !stat.running()).orElse(false);
    }

    /** The pids of running (not zombie) processes in the session {@code sessionId}. */
    static List<Long> sessionMembers(long sessionId) {
        try (Stream<Path> entries = Files.list(PROC)) {
            return entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> stat(pid)
                            .filter(stat -> stat.sessionId() == sessionId && stat.running())
                            .isPresent())
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }
}
