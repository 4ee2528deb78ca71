package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.experiment.Checkout;
import dev.clade.orchestrator.experiment.ExperimentRepository;
import dev.clade.orchestrator.experiment.Folders;
import dev.clade.orchestrator.timing.Part;
import dev.clade.orchestrator.timing.Stopwatch;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Folders of a campaign under {@code $CLADE_HOME}: one private folder per proposal and per evaluation attempt
 * ({@code work/<campaign>/<node>/...}), deleted when done unless kept for debugging, and logs that are always kept
 * ({@code logs/<campaign>/<node>/a<attempt>-<stage index>-<stage>.out|.err}). Unless folders are kept, each worker
 * proposes and evaluates in a checkout of its own that is used again for every node ({@code
 * work/<campaign>/workers/<n>/src}): bringing it to the next commit writes only what differs, where a fresh folder
 * would be written whole.
 */
final class Workspace {

    private final Path work;
    private final Path logs;
    private final boolean keep;
    private final Map<Thread, Checkout> checkouts = new ConcurrentHashMap<>();
    private final AtomicInteger workers = new AtomicInteger();

    Workspace(Path work, Path logs, boolean keep) {
        this.work = work;
        this.logs = logs;
        this.keep = keep;
    }

    /**
     * The calling worker's own checkout, or empty when folders are kept for debugging (each proposal and evaluation
     * then gets a fresh folder of its own, as named below).
     */
    Optional<Checkout> workerCheckout(String campaign) {
        if (keep) {
            return Optional.empty();
        }
        return Optional.of(checkouts.computeIfAbsent(Thread.currentThread(), t -> {
            Path dir = work.resolve(campaign).resolve("workers").resolve(Integer.toString(workers.incrementAndGet()));
            return new Checkout(dir.resolve("src"));
        }));
    }

    /**
     * Brings the calling worker's checkout to {@code commit}, or, when folders are kept, exports it into {@code
     * fresh}; returns the folder that holds it. Timed as the experiment's checkout.
     */
    Path checkOut(ExperimentRepository repo, ObjectId commit, Optional<Checkout> reused, Path fresh) {
        return Stopwatch.time(Part.CHECKOUT, () -> {
            if (reused.isPresent()) {
                repo.checkout(commit, reused.get());
                return reused.get().dir();
            }
            repo.export(commit, fresh);
            return fresh;
        });
    }

    /** Deletes the workers' checkouts: the run is over. */
    void closeCheckouts() {
        checkouts.values().forEach(Checkout::delete);
        checkouts.clear();
    }

    /** A fresh folder for a proposal; whatever a crashed earlier try left there is removed first. */
    Path proposalDir(String campaign, long node) {
        return fresh(work.resolve(campaign).resolve(Long.toString(node)).resolve("propose"));
    }

    /** A fresh folder for one evaluation, {@code name} telling the task and attempt apart. */
    Path evaluationDir(String campaign, long node, String name) {
        return fresh(work.resolve(campaign).resolve(Long.toString(node)).resolve(name));
    }

    Path holdoutDir(String campaign, long node, int attempt) {
        return fresh(work.resolve(campaign).resolve(Long.toString(node)).resolve("holdout" + attempt));
    }

    Path logDir(String campaign, long node) {
        return logs.resolve(campaign).resolve(Long.toString(node));
    }

    /**
     * The ends of a node's {@code maxFiles} newest search-stage logs (holdout logs live in a subfolder and are never
     * read), at most {@code maxChars} in all, each headed by its file name; empty when there are none.
     */
    String recentLog(String campaign, long node, int maxChars, int maxFiles) {
        Path dir = logDir(campaign, node);
        if (!Files.isDirectory(dir)) {
            return "";
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile)
                    .filter(f -> sizeOf(f) > 0)
                    .sorted(Comparator.comparing(Workspace::modified).reversed())
                    .limit(Math.max(1, maxFiles))
                    .toList();
        } catch (IOException e) {
            return "";
        }
        if (files.isEmpty()) {
            return "";
        }
        int share = maxChars / files.size();
        StringBuilder out = new StringBuilder();
        for (Path f : files.reversed()) {
            out.append("== ")
                    .append(f.getFileName())
                    .append(" ==\n")
                    .append(tail(f, share))
                    .append('\n');
        }
        return out.toString();
    }

    /** The last {@code chars} bytes of a file as text ("..." first when cut), or why it cannot be read. */
    static String tail(Path file, int chars) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int n = (int) Math.min(length, chars);
            byte[] bytes = new byte[n];
            in.seek(length - n);
            in.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            return n < length ? "..." + text : text;
        } catch (IOException e) {
            return "(cannot read: " + e.getMessage() + ")";
        }
    }

    private static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }

    private static FileTime modified(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    void discard(Path dir) {
        if (!keep) {
            delete(dir);
        }
    }

    private static Path fresh(Path dir) {
        delete(dir);
        return dir;
    }

    static void delete(Path dir) {
        Folders.delete(dir);
    }
}
