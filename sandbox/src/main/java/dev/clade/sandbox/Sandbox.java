package dev.clade.sandbox;

/**
 * Runs one untrusted command; see DESIGN.md "Sandbox". Implementations are thread-safe: many runs may be
 * in flight at once.
 */
public interface Sandbox {

    /**
     * Runs the request to completion. A command that fails, times out or floods its output is a result,
     * never an exception.
     *
     * @throws SandboxException only for broken infrastructure: the working directory is missing, a log
     *     file cannot be written, the process cannot start, or the calling thread was interrupted (the
     *     process tree is killed first and the interrupt flag is kept)
     */
    SandboxResult run(SandboxRequest request);

    /**
     * One line saying which isolation this sandbox applies, e.g. "process group via setsid; environment
     * scrubbed; no filesystem or network isolation".
     */
    String isolation();
}
