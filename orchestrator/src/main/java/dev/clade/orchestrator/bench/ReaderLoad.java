package dev.clade.orchestrator.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Readers of the REST API, as dashboards and scripts are: each of {@code readers} threads asks, over and over, for the
 * list of campaigns, a campaign's tree or one of its nodes (in turn), and every answer's time is kept by kind; while
 * they run, the process's resident memory is sampled.
 */
public final class ReaderLoad implements AutoCloseable {

    /** The answers of one kind: their times in nanoseconds, and how many failed. */
    public record Kind(long[] nanos, long failures) {
        public long percentile(double p) {
            if (nanos.length == 0) {
                return 0;
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }

    private static final List<String> KINDS = List.of("list", "tree", "node");

    // HTTP/1.1: each reader on its own connection, as separate clients are; the client's default (HTTP/2 through an
    // h2c upgrade) would multiplex all readers over one connection, and one server thread, with its flow control
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Map<String, List<Long>> times = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final AtomicLong maxResident = new AtomicLong();

    ReaderLoad(String base, String token, String campaign, long nodes, int readers) {
        for (String kind : KINDS) {
            times.put(kind, Collections.synchronizedList(new ArrayList<>()));
            failures.put(kind, new AtomicLong());
        }
        for (int i = 0; i < readers; i++) {
            Random random = new Random(i);
            int first = i;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int n = first; !stop.get(); n++) {
                    String kind = KINDS.get(n % KINDS.size());
                    String path = switch (kind) {
                        case "list" -> "api/v1/campaigns?size=20";
                        case "tree" -> "api/v1/campaigns/" + campaign + "/tree";
                        default -> "api/v1/campaigns/" + campaign + "/nodes/" + random.nextLong(nodes);
                    };
                    ask(base + path, token, kind);
                }
            }));
        }
        threads.add(Thread.ofPlatform().daemon().start(() -> {
            while (!stop.get()) {
                maxResident.accumulateAndGet(residentBytes(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }));
    }

    private void ask(String url, String token, String kind) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - start;
            if (response.statusCode() == 200) {
                times.get(kind).add(took);
            } else {
                failures.get(kind).incrementAndGet();
            }
        } catch (IOException e) {
            failures.get(kind).incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.set(true);
        }
    }

    /** The answers so far, by kind. */
    Map<String, Kind> kinds() {
        Map<String, Kind> out = new java.util.LinkedHashMap<>();
        for (String kind : KINDS) {
            List<Long> list = times.get(kind);
            long[] copy;
            synchronized (list) {
                copy = list.stream().mapToLong(Long::longValue).toArray();
            }
            out.put(kind, new Kind(copy, failures.get(kind).get()));
        }
        return out;
    }

    long maxResidentBytes() {
        return maxResident.get();
    }

    @Override
    public void close() {
        stop.set(true);
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(35));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** This process's resident memory ({@code VmRSS}), or 0 where /proc does not tell. */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return 0;
    }
}
