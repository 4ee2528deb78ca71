package dev.clade.sandbox;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** Test helpers about real processes, also those in a sandbox's own PID namespace. */
final class Processes {

    /** Shell words that write a pid with its PID namespace, as {@code echo <pid> pid:[4026531836]}. */
    static final String IN_NAMESPACE = "$(readlink /proc/self/ns/pid)";

    private Processes() {}

    static List<String> sh(String script) {
        return List.of("/bin/sh", "-c", script);
    }

    /** Whether the process exists and has not exited; a zombie waiting to be reaped counts as dead. */
    static boolean isRunning(long pid) {
        if (pid <= 0) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        try {
            String line = Files.readString(stat);
            char state = line.charAt(line.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false; // exited while we looked
        }
    }

    /**
     * The host pid a command wrote to a file, waiting (bounded) for it to appear. A pid followed by its PID namespace
     * ({@link #IN_NAMESPACE}) is looked up among the host's processes; one that no longer runs reads as -1.
     */
    static long readPid(Path file) {
        return readPid(file, Duration.ofSeconds(5));
    }

    /** {@link #readPid(Path)}, waiting up to {@code wait} for the file. */
    static long readPid(Path file, Duration wait) {
        await().atMost(wait).until(() -> !read(file).isBlank());
        String[] words = read(file).strip().split(" ");
        long pid = Long.parseLong(words[0]);
        return words.length == 1 ? pid : hostPid(pid, words[1]);
    }

    /** The host pid of the process {@code pid} in the PID namespace {@code namespace}, or -1 if none runs. */
    static long hostPid(long pid, String namespace) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(entry -> entry.getFileName().toString().matches("\\d+"))
                    .filter(entry -> namespace.equals(link(entry.resolve("ns/pid"))))
                    .filter(entry -> innermostPid(entry) == pid)
                    .mapToLong(entry -> Long.parseLong(entry.getFileName().toString()))
                    .findFirst()
                    .orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private static long innermostPid(Path process) {
        try {
            return Files.readAllLines(process.resolve("status")).stream()
                    .filter(line -> line.startsWith("NSpid:"))
                    .map(line -> line.split("\\s+"))
                    .mapToLong(fields -> Long.parseLong(fields[fields.length - 1]))
                    .findFirst()
                    .orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String link(Path path) {
        try {
            return Files.readSymbolicLink(path).toString();
        } catch (IOException e) {
            return "";
        }
    }

    /** Kills a process a test let escape, so it does not outlive the test. */
    static void killQuietly(long pid) {
        if (pid > 0) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
