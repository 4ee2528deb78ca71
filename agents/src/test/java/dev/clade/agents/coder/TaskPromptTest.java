package dev.clade.agents.coder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.agents.proposer.Guidance;
import dev.clade.agents.proposer.NodeSummary;
import dev.clade.agents.proposer.Operator;
import dev.clade.agents.proposer.ProposalRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskPromptTest {

    @TempDir
    Path work;

    @Test
    void should_list_the_evaluator_files_as_read_only_after_the_editable_ones() throws IOException {
        Files.writeString(work.resolve("solver.py"), "x = 1\n");
        Files.writeString(work.resolve("evaluate.py"), "print(1)\n");

        String files = TaskPrompt.render("{{files}}", request(List.of("/evaluate.py")));

        assertThat(files).startsWith("- solver.py\n");
        assertThat(files).contains("Read-only, the evaluator's files (a change to them is refused): /evaluate.py");
        assertThat(TaskPrompt.render("{{files}}", request(List.of()))).isEqualTo("- solver.py");
    }

    private ProposalRequest request(List<String> pinned) {
        return new ProposalRequest(
                "c1",
                1,
                "Make it faster",
                work,
                p -> p.equals("solver.py"),
                pinned,
                Operator.IMPROVE,
                false,
                new NodeSummary(0, OptionalDouble.of(1), false, "", Map.of()),
                Optional.empty(),
                List.of(),
                List.of(),
                7L,
                "",
                Guidance.none());
    }
}
