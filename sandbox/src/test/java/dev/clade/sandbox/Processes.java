package dev.clade.sandbox;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Test helpers about real processes. */
final class Processes {

    private Processes() {}

    static List<String> sh(String script) {
        return List.of("/bin/sh", "-c", script);
    }

    /** Whether the process exists and has not exited; a zombie waiting to be reaped counts as dead. */
    static boolean isRunning(long pid) {
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

    /** The pid a command wrote to a file, waiting (bounded) for it to appear. */
    static long readPid(Path file) {
        await().atMost(Duration.ofSeconds(5)).until(() -> !read(file).isBlank());
        return Long.parseLong(read(file).strip());
    }

    /** Kills a process a test let escape, so it does not outlive the test. */
    static void killQuietly(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
