package dev.clade.agents.coder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentFolderTest {

    @TempDir
    Path dir;

    @Test
    void should_load_the_built_in_agent_from_a_folder_written_out() {
        AgentFolder.writeBuiltIn(dir);

        AgentDefinition agent = AgentFolder.load(dir);

        assertThat(agent.name()).isEqualTo("clade-coder");
        assertThat(agent.tools()).contains(AgentTool.APPLY_EDITS, AgentTool.RUN_COMMAND);
        assertThat(agent.taskPrompt()).contains("{{goal}}", "{{code}}");
        assertThat(agent).isEqualTo(AgentFolder.builtIn());
    }

    @Test
    void should_name_every_problem_of_an_agent_yaml() throws IOException {
        AgentFolder.writeBuiltIn(dir);
        Files.writeString(dir.resolve("agent.yaml"), """
                name: broken
                model: {provider: openia, name: x, apiKeyEnv: sk-abc-123}
                tools: [read_file, rm_rf]
                limits: {toolCalls: 0}
                prompts: {task: prompts/missing.md}
                colour: blue
                """);

        assertThatThrownBy(() -> AgentFolder.load(dir))
                .isInstanceOf(AgentException.class)
                .hasMessageContaining("model.provider: 'openia' is not supported")
                .hasMessageContaining("model.apiKeyEnv: must name an environment variable")
                .hasMessageContaining("tools: 'rm_rf' is not a tool")
                .hasMessageContaining("limits.toolCalls: must be a positive whole number")
                .hasMessageContaining("prompts.task: prompts/missing.md is missing")
                .hasMessageContaining("colour: unknown field");
    }
}
