package dev.clade.agents.coder;

import dev.clade.agents.llm.ModelSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A coding agent as a folder in git describes it ({@code agent.yaml} and its prompt files; see {@link AgentFolder}).
 *
 * @param name shown in logs and commit trailers
 * @param model the agent's own model; a campaign's {@code proposer.model} overrides it
 * @param tools the tools it may call ({@code finish} always)
 * @param limits caps per proposal
 * @param systemPrompt the system message
 * @param taskPrompt the first user message, a template (see {@link TaskPrompt} for its {@code {{placeholders}}})
 */
public record AgentDefinition(
        String name,
        Optional<ModelSettings> model,
        Set<AgentTool> tools,
        Limits limits,
        String systemPrompt,
        String taskPrompt) {

    public AgentDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        tools = Set.copyOf(tools);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        Objects.requireNonNull(taskPrompt, "taskPrompt");
    }

    /**
     * Caps on one proposal.
     *
     * @param toolCalls tool calls before the agent must stop
     * @param tokens input plus output tokens over all calls of the proposal
     * @param commandTimeout the longest a {@code run_command} may run
     * @param editRetries how many times in a row an edit that does not apply is sent back before the agent gives up
     */
    public record Limits(int toolCalls, long tokens, Duration commandTimeout, int editRetries) {
        public static final Limits DEFAULT = new Limits(40, 300_000, Duration.ofSeconds(60), 1);

        public Limits {
            if (toolCalls < 1 || tokens < 1 || editRetries < 0) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }

    public AgentDefinition withModel(ModelSettings m) {
        return new AgentDefinition(name, Optional.of(m), tools, limits, systemPrompt, taskPrompt);
    }
}
