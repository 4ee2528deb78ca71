package dev.clade.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a command may reach. Sandboxes that cannot apply a part say so in {@link Sandbox#isolation()}; with {@code
 * strict} they refuse to run instead (a {@link Termination.Refused} result naming what is missing).
 *
 * @param network whether the command may use the network (default no)
 * @param writable folders the command may write besides its working directory and a private {@code /tmp}
 * @param hidden folders (or files) the command must not see at all, such as Clade's data directory; a writable folder
 *     inside a hidden one stays reachable. {@link BubblewrapSandbox} hides the host's home too, unless it is the
 *     working directory
 * @param strict refuse to run when an isolation feature is not available on this host
 */
public record Isolation(boolean network, List<Path> writable, List<Path> hidden, boolean strict) {

    public Isolation {
        writable = List.copyOf(Objects.requireNonNull(writable, "writable"));
        hidden = List.copyOf(Objects.requireNonNull(hidden, "hidden"));
    }

    /** No network, nothing writable beyond the working directory, nothing hidden, best effort. */
    public static Isolation defaults() {
        return new Isolation(false, List.of(), List.of(), false);
    }

    public Isolation withNetwork(boolean network) {
        return new Isolation(network, writable, hidden, strict);
    }

    public Isolation withWritable(List<Path> writable) {
        return new Isolation(network, writable, hidden, strict);
    }

    public Isolation withHidden(List<Path> hidden) {
        return new Isolation(network, writable, hidden, strict);
    }

    public Isolation withStrict(boolean strict) {
        return new Isolation(network, writable, hidden, strict);
    }
}
