package dev.clade.sandbox.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The GPUs of this host, in {@code nvidia-smi}'s order (PCI bus order).
 *
 * @param gpus the GPUs; indices unique
 */
public record GpuInventory(List<Gpu> gpus) {

    /** The query {@link #discover()} runs. */
    static final List<String> NVIDIA_SMI =
            List.of("nvidia-smi", "--query-gpu=index,uuid,name", "--format=csv,noheader");

    private static final Logger LOG = Logger.getLogger(GpuInventory.class);
    /** nvidia-smi can hang on a broken driver; discovery must not. */
    private static final Duration DISCOVERY_LIMIT = Duration.ofSeconds(30);

    /**
     * One GPU.
     *
     * @param index nvidia-smi's index, the value {@code CUDA_VISIBLE_DEVICES} takes with {@code
     *     CUDA_DEVICE_ORDER=PCI_BUS_ID}
     * @param uuid e.g. {@code GPU-5b3c...}
     * @param name e.g. {@code NVIDIA H100 80GB HBM3}
     */
    public record Gpu(int index, String uuid, String name) {

        public Gpu {
            if (index < 0) {
                throw new IllegalArgumentException("index must not be negative: " + index);
            }
            Objects.requireNonNull(uuid, "uuid");
            Objects.requireNonNull(name, "name");
        }
    }

    public GpuInventory {
        gpus = List.copyOf(Objects.requireNonNull(gpus, "gpus"));
        if (gpus.stream().map(Gpu::index).distinct().count() != gpus.size()) {
            throw new IllegalArgumentException("GPU indices must be unique: " + gpus);
        }
    }

    /** A host without GPUs. */
    public static GpuInventory none() {
        return new GpuInventory(List.of());
    }

    /**
     * Asks {@code nvidia-smi} (found on PATH) for the GPUs. None when nvidia-smi is missing, fails, hangs for
     * 30 seconds or prints something that is not its CSV.
     */
    public static GpuInventory discover() {
        return discover(NVIDIA_SMI);
    }

    /** {@link #discover()} with another command, for tests. */
    static GpuInventory discover(List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close();
            // the output is a line per GPU: far below a pipe's buffer, so reading after waiting cannot block
            if (!process.waitFor(DISCOVERY_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                LOG.warnf("%s did not answer within %s; no GPU will be leased", command.get(0), DISCOVERY_LIMIT);
                return none();
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                LOG.infof("%s exited with %d; no GPU will be leased", command.get(0), process.exitValue());
                return none();
            }
            return parse(output);
        } catch (IOException e) {
            LOG.debugf("no GPU: cannot run %s: %s", command.get(0), e.getMessage());
            return none();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return none();
        } catch (IllegalArgumentException e) {
            LOG.warnf("cannot read the GPU list (%s); no GPU will be leased", e.getMessage());
            return none();
        }
    }

    /**
     * Reads {@code nvidia-smi --query-gpu=index,uuid,name --format=csv,noheader}: a line {@code 0, GPU-..., NVIDIA
     * H100} per GPU; blank lines are skipped.
     *
     * @throws IllegalArgumentException on a line that is not of that form
     */
    static GpuInventory parse(String csv) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : csv.strip().split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", 3);
            if (fields.length != 3) {
                throw new IllegalArgumentException("not an index, uuid, name line: '" + line + "'");
            }
            try {
                gpus.add(new Gpu(Integer.parseInt(fields[0].strip()), fields[1].strip(), fields[2].strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a GPU index in '" + line + "'", e);
            }
        }
        return new GpuInventory(gpus);
    }

    public int size() {
        return gpus.size();
    }

    /** e.g. {@code 2 GPUs (0: NVIDIA H100, 1: NVIDIA H100)} or {@code no GPU}. */
    public String describe() {
        if (gpus.isEmpty()) {
            return "no GPU";
        }
        String each = gpus.stream().map(gpu -> gpu.index() + ": " + gpu.name()).collect(Collectors.joining(", "));
        return gpus.size() + (gpus.size() == 1 ? " GPU (" : " GPUs (") + each + ")";
    }
}
