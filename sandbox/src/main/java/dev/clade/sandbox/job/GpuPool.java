package dev.clade.sandbox.job;

import dev.clade.sandbox.job.GpuInventory.Gpu;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * Leases GPUs, each to one holder at a time, first come first served: a request waits until it is first in line
 * and enough GPUs are free, so a request for many GPUs is never starved by a stream of small ones (a small request
 * behind it waits too, even when it would fit).
 */
final class GpuPool {

    private final GpuInventory inventory;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final TreeSet<Gpu> free = new TreeSet<>(Comparator.comparingInt(Gpu::index));
    private final Deque<Object> line = new ArrayDeque<>();

    GpuPool(GpuInventory inventory) {
        this.inventory = inventory;
        free.addAll(inventory.gpus());
    }

    /**
     * Waits for {@code count} GPUs, the lowest free indices; a count of zero returns an empty lease at once.
     *
     * @throws IllegalArgumentException when the host has fewer than {@code count} GPUs
     * @throws InterruptedException when interrupted while waiting; the request leaves the line
     */
    Lease acquire(int count) throws InterruptedException {
        if (count > inventory.size()) {
            throw new IllegalArgumentException("asks for " + count + " GPUs; this host has " + inventory.describe());
        }
        if (count == 0) {
            return new Lease(List.of());
        }
        Object ticket = new Object();
        lock.lock();
        try {
            line.addLast(ticket);
            while (line.peekFirst() != ticket || free.size() < count) {
                changed.await();
            }
            List<Gpu> taken = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                taken.add(free.pollFirst());
            }
            return new Lease(taken);
        } finally {
            // leaving the line, served or interrupted, may let the next request go
            line.remove(ticket);
            changed.signalAll();
            lock.unlock();
        }
    }

    /** Requests waiting in line. */
    int waiting() {
        return locked(line::size);
    }

    /** GPUs not leased now. */
    int available() {
        return locked(free::size);
    }

    /** {@code read}, under the lock. */
    private int locked(IntSupplier read) {
        lock.lock();
        try {
            return read.getAsInt();
        } finally {
            lock.unlock();
        }
    }

    private void release(List<Gpu> gpus) {
        lock.lock();
        try {
            free.addAll(gpus);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** GPUs held by one run; {@link #close()} gives them back (once). */
    final class Lease implements AutoCloseable {

        private final List<Gpu> gpus;
        private boolean closed;

        private Lease(List<Gpu> gpus) {
            this.gpus = List.copyOf(gpus);
        }

        List<Gpu> gpus() {
            return gpus;
        }

        /** The GPUs' indices, comma-separated: the value of {@code CUDA_VISIBLE_DEVICES}; empty for none. */
        String visibleDevices() {
            return gpus.stream().map(gpu -> Integer.toString(gpu.index())).collect(Collectors.joining(","));
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                release(gpus);
            }
        }
    }
}
