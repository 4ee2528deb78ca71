/**
 * Job backends for long and GPU jobs (DESIGN.md "Sandbox"). All are {@link dev.clade.sandbox.Sandbox}es, so the
 * evaluation pipeline does not know which one runs a command.
 *
 * <ul>
 *   <li>{@link dev.clade.sandbox.job.GpuLeasingSandbox} wraps a local sandbox and leases this host's GPUs ({@link
 *       dev.clade.sandbox.job.GpuInventory#discover() found by nvidia-smi}) one run at a time, first come first
 *       served, through {@code CUDA_VISIBLE_DEVICES}.
 *   <li>{@link dev.clade.sandbox.job.SlurmSandbox} runs a command as a Slurm batch job ({@code sbatch --gres=gpu:N})
 *       and follows it with {@code scontrol show job} until it ends.
 *   <li>{@link dev.clade.sandbox.job.KubernetesSandbox} runs a command as a Kubernetes Job ({@code nvidia.com/gpu}
 *       limits) through the fabric8 client, and follows the Job and its pod until they end.
 * </ul>
 *
 * <p>Decisions they all follow:
 *
 * <ul>
 *   <li>Waiting for resources (GPUs free, a Slurm node free) does not count against the request's timeout; the
 *       timeout is the command's own run time. Slurm's queueing can be bounded with {@link
 *       dev.clade.sandbox.job.SlurmSettings#maxQueueWait()}.
 *   <li>An interrupted caller gets a {@link dev.clade.sandbox.SandboxException} with its interrupt flag kept, after
 *       the job is cancelled, as {@link dev.clade.sandbox.Sandbox#run} promises; never a {@code TimedOut} result, which
 *       would record a failed evaluation for a run that was only stopped.
 *   <li>A request the backend can never satisfy (more GPUs than the host has, what Slurm rejects at submission) is
 *       {@link dev.clade.sandbox.Termination.Refused}; a job the backend ended for reasons of its own (node failure,
 *       preemption, an outside {@code scancel}, a job Slurm forgot) is {@link dev.clade.sandbox.Termination.Lost}, which
 *       may be retried.
 * </ul>
 */
package dev.clade.sandbox.job;
