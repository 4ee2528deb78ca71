package dev.clade.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.orchestrator.campaign.Backend;
import dev.clade.orchestrator.testing.Cli;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the readiness check learns of the job backends: whether each answers now, and why not. */
class BackendsTest {

    @Test
    void should_find_a_running_slurm_cluster_answering() throws InterruptedException {
        Cli.require("a running Slurm cluster (sinfo)", List.of(List.of("sinfo", "--noheader")));

        assertThat(Backends.unanswered(Backend.SLURM)).isEmpty();
    }

    @Test
    void should_say_why_a_kubernetes_api_that_is_not_there_does_not_answer() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        System.setProperty("kubernetes.master", "https://127.0.0.1:" + closed);
        System.setProperty("kubernetes.auth.tryKubeConfig", "false");
        try {
            assertThat(Backends.unanswered(Backend.KUBERNETES))
                    .hasValueSatisfying(
                            problem -> assertThat(problem).startsWith("the Kubernetes API does not answer"));
        } finally {
            System.clearProperty("kubernetes.master");
            System.clearProperty("kubernetes.auth.tryKubeConfig");
        }
    }

    @Test
    void should_never_ask_the_local_sandbox() {
        assertThat(Backends.unanswered(Backend.LOCAL)).isEmpty();
    }
}
