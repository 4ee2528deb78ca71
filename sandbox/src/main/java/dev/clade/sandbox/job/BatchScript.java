package dev.clade.sandbox.job;

import dev.clade.sandbox.SandboxRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The batch script of a {@link SlurmSandbox} job: it enters the request's working directory and {@code exec}s the
 * argv under {@code env -i} with exactly the variables it is given, the request's own, and the job's Slurm and GPU
 * variables from the compute node; nothing of the submitting host's or the node user's login environment (which
 * Slurm loads even with {@code --export=NONE}) gets through.
 */
final class BatchScript {

    /**
     * Variables the compute node sets for the job that the command may read; {@code TMPDIR} can be overridden by the
     * request, the others cannot (they say what Slurm allocated).
     */
    static final List<String> FROM_NODE = List.of(
            "SLURM_JOB_ID",
            "SLURM_JOB_NAME",
            "SLURM_JOB_PARTITION",
            "SLURM_JOB_NODELIST",
            "SLURM_CLUSTER_NAME",
            "SLURMD_NODENAME",
            "SLURM_CPUS_ON_NODE",
            "SLURM_CPUS_PER_TASK",
            "SLURM_MEM_PER_NODE");

    /** What Slurm sets for the GPUs it allocated (with {@code --gres=gpu:N}). */
    static final List<String> GPU_FROM_NODE = List.of(
            "CUDA_VISIBLE_DEVICES",
            "GPU_DEVICE_ORDINAL",
            "ROCR_VISIBLE_DEVICES",
            "SLURM_JOB_GPUS",
            "SLURM_GPUS_ON_NODE");

    private BatchScript() {}

    /**
     * @param request the command, its working directory (which must exist on the compute node), its variables and
     *     its CPU-time limit ({@code ulimit -t})
     * @param base variables every job gets before the request's own (a minimal PATH, HOME, LANG)
     */
    static String render(SandboxRequest request, Map<String, String> base) {
        StringBuilder script = new StringBuilder("#!/bin/sh\n")
                .append(
                        "# Clade SlurmSandbox job: one command, in its working directory, with a scrubbed environment\n")
                .append("cd ")
                .append(quote(request.workingDirectory().toAbsolutePath().toString()))
                .append(" || exit 1\n");
        request.resources()
                .cpuSeconds()
                .ifPresent(
                        seconds -> script.append("ulimit -t ").append(seconds).append('\n'));
        script.append("exec /usr/bin/env -i");
        new TreeMap<>(base).forEach((name, value) -> assign(script, name, value));
        forward(script, "TMPDIR");
        new TreeMap<>(request.environment()).forEach((name, value) -> assign(script, name, value));
        FROM_NODE.forEach(name -> forward(script, name));
        if (request.resources().gpus() > 0) {
            GPU_FROM_NODE.forEach(name -> forward(script, name));
        } else {
            // a job that asked for no GPU must not pick one up by accident
            assign(script, GpuLeasingSandbox.CUDA_VISIBLE_DEVICES, "");
        }
        List<String> command = request.command();
        if (command.get(0).contains("=")) {
            // env would take it for one more variable
            script.append(" \\\n  /bin/sh -c 'exec \"$@\"' sh");
        }
        command.forEach(word -> script.append(" \\\n  ").append(quote(word)));
        return script.append('\n').toString();
    }

    private static void assign(StringBuilder script, String name, String value) {
        script.append(" \\\n  ").append(quote(name + "=" + value));
    }

    /** Passes the node's value of a variable on, if it is set there. */
    private static void forward(StringBuilder script, String name) {
        script.append(" \\\n  ${")
                .append(name)
                .append("+\"")
                .append(name)
                .append("=$")
                .append(name)
                .append("\"}");
    }

    /** A word in single quotes, so the shell takes it literally, whatever it holds. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
