package dev.clade.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.orchestrator.experiment.Folders;
import dev.clade.orchestrator.testing.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void should_void_a_candidate_that_is_not_an_agent_without_running_anything() {
        AgentBenchmark bench = new AgentBenchmark(Targets.AGENT_BENCH, agent -> {
            throw new AssertionError("no agent must be built");
        });
        Path candidate = dir.resolve("candidate");

        AgentBenchmark.Prepared prepared =
                bench.prepare(candidate, "py-fizzbuzz", dir.resolve("work"), dir.resolve("logs/agent.log"), "c", 1, 7);

        assertThat(prepared)
                .isInstanceOfSatisfying(
                        AgentBenchmark.Prepared.Broken.class,
                        b -> assertThat(b.reason()).contains("not a usable agent", "agent.yaml"));
    }

    @Test
    void should_name_hidden_test_files_that_a_stage_changed_or_removed() throws Exception {
        Path original = Targets.AGENT_BENCH.resolve("sh-greet").resolve("hidden");
        Path copy = dir.resolve("solved").resolve(AgentBenchmark.HIDDEN_DIR);
        Folders.copy(original, copy);
        assertThat(AgentBenchmark.changed(original, copy)).isEmpty();

        Files.writeString(copy.resolve("test.sh"), "echo '{\"score\": 1}'\n");

        assertThat(AgentBenchmark.changed(original, copy)).containsExactly(".clade-hidden/test.sh");
        Files.delete(copy.resolve("test.sh"));
        assertThat(AgentBenchmark.changed(original, copy)).containsExactly(".clade-hidden/test.sh");
    }
}
