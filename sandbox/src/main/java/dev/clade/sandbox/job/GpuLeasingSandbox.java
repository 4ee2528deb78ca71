package dev.clade.sandbox.job;

import dev.clade.sandbox.Sandbox;
import dev.clade.sandbox.SandboxException;
import dev.clade.sandbox.SandboxRequest;
import dev.clade.sandbox.SandboxResult;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Leases this host's GPUs to the runs of another sandbox, each GPU to one run at a time, through {@code
 * CUDA_VISIBLE_DEVICES} (indices, with {@code CUDA_DEVICE_ORDER=PCI_BUS_ID} so they mean what {@code nvidia-smi}
 * says).
 *
 * <ul>
 *   <li>A request for {@code resources().gpus() = N} waits, first come first served, until N GPUs are free; they
 *       are given back when the run ends, however it ends (also when the wrapped sandbox throws).
 *   <li>A request for more GPUs than the host has is {@link dev.clade.sandbox.Termination.Refused} at once, and
 *       nothing runs.
 *   <li>A request for no GPU runs at once with {@code CUDA_VISIBLE_DEVICES} empty, so it sees none.
 *   <li>The lease wins over a {@code CUDA_VISIBLE_DEVICES} in the request's own environment.
 *   <li>The request's timeout counts from when the wrapped sandbox starts the command, not from when the request
 *       started waiting for GPUs.
 * </ul>
 *
 * <p>The variable is advisory: a command that resets it can still open every GPU, unless the wrapped sandbox hides
 * the devices.
 */
public final class GpuLeasingSandbox implements Sandbox {

    /** The variable CUDA reads to pick the GPUs a process may use. */
    public static final String CUDA_VISIBLE_DEVICES = "CUDA_VISIBLE_DEVICES";

    private static final Logger LOG = Logger.getLogger(GpuLeasingSandbox.class);

    private final Sandbox delegate;
    private final GpuInventory inventory;
    private final GpuPool pool;

    /** Leases the GPUs {@code nvidia-smi} finds (none where it is missing). */
    public GpuLeasingSandbox(Sandbox delegate) {
        this(delegate, GpuInventory.discover());
    }

    public GpuLeasingSandbox(Sandbox delegate, GpuInventory inventory) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.pool = new GpuPool(inventory);
    }

    /**
     * {@inheritDoc}
     *
     * @throws SandboxException also when interrupted while waiting for GPUs (nothing ran; the interrupt flag is kept)
     */
    @Override
    public SandboxResult run(SandboxRequest request) {
        int wanted = request.resources().gpus();
        if (wanted > inventory.size()) {
            return Refusals.refused(request, "asks for " + wanted + " GPUs; this host has " + inventory.describe());
        }
        GpuPool.Lease lease = acquire(wanted, request);
        try (lease) {
            LOG.debugf("leased GPUs [%s] to %s", lease.visibleDevices(), request.command());
            return delegate.run(request.withEnvironment(withLease(request.environment(), lease)));
        }
    }

    private GpuPool.Lease acquire(int wanted, SandboxRequest request) {
        try {
            return pool.acquire(wanted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while waiting for " + wanted + " GPUs for " + request.command(), e);
        }
    }

    private static Map<String, String> withLease(Map<String, String> environment, GpuPool.Lease lease) {
        Map<String, String> leased = new HashMap<>(environment);
        leased.put(CUDA_VISIBLE_DEVICES, lease.visibleDevices());
        leased.put("CUDA_DEVICE_ORDER", "PCI_BUS_ID");
        return leased;
    }

    @Override
    public String isolation() {
        return delegate.isolation() + "; GPUs leased one run at a time through CUDA_VISIBLE_DEVICES (advisory), "
                + inventory.describe();
    }

    /** The GPUs this sandbox leases. */
    public GpuInventory inventory() {
        return inventory;
    }

    /** Requests waiting for GPUs now. */
    public int waiting() {
        return pool.waiting();
    }

    /** GPUs not leased now. */
    public int available() {
        return pool.available();
    }
}
