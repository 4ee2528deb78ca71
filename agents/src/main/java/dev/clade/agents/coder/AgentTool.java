package dev.clade.agents.coder;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The tools an agent may be given in its {@code agent.yaml}; {@code finish} is always there. */
public enum AgentTool {
    LIST_FILES,
    READ_FILE,
    SEARCH,
    APPLY_EDITS,
    WRITE_FILE,
    RUN_COMMAND,
    RECALL_LESSONS,
    SEARCH_KNOWLEDGE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AgentTool> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id().equals(id)).findFirst();
    }

    public static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(AgentTool::id).toList());
    }
}
