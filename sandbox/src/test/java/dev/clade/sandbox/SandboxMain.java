package dev.clade.sandbox;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A stand-in for Clade in {@link DieWithCladeTest}: a JVM that runs {@code args[1]} with {@code sh -c} in a {@link
 * BubblewrapSandbox}, in the folder {@code args[0]}, and waits for it.
 */
final class SandboxMain {

    private SandboxMain() {}

    public static void main(String[] args) {
        SandboxRequest request =
                SandboxRequest.of(Processes.sh(args[1]), Path.of(args[0])).withTimeout(Duration.ofMinutes(5));
        System.out.println(new BubblewrapSandbox().run(request).termination().describe());
    }
}
