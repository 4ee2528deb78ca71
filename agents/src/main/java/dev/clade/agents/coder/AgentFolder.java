package dev.clade.agents.coder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.clade.agents.llm.ModelSettings;
import dev.clade.agents.llm.ModelSettingsReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an agent from a folder:
 *
 * <pre>
 * agent.yaml            name, model, tools, limits {toolCalls, tokens, commandTimeout (s), editRetries},
 *                       prompts {system, task}
 * prompts/system.md     the system message
 * prompts/task.md       the task template
 * </pre>
 *
 * The agent Clade ships ({@link #builtIn()}) is such a folder in its resources; {@link #writeBuiltIn(Path)} copies it
 * out, which is how an agent repository for a self-improvement campaign starts.
 */
public final class AgentFolder {

    public static final String FILE = "agent.yaml";
    private static final String BUILT_IN = "/dev/clade/agents/coder/default/";
    static final List<String> BUILT_IN_FILES = List.of(FILE, "prompts/system.md", "prompts/task.md");
    private static final Set<String> FIELDS = Set.of("name", "description", "model", "tools", "limits", "prompts");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private AgentFolder() {}

    /** Loads the agent in {@code folder}; every problem is named in one {@link AgentException}. */
    public static AgentDefinition load(Path folder) {
        Path yaml = folder.resolve(FILE);
        if (!Files.isRegularFile(yaml)) {
            throw new AgentException(folder + " holds no " + FILE + " (an agent folder needs one)");
        }
        try {
            return parse(Files.readString(yaml), yaml.toString(), p -> read(folder, p));
        } catch (IOException e) {
            throw new AgentException("cannot read " + yaml + ": " + e.getMessage());
        }
    }

    /** The agent Clade ships. */
    public static AgentDefinition builtIn() {
        return parse(resource(FILE), "built-in " + FILE, p -> Optional.of(resource(p)));
    }

    /** Writes the built-in agent's files into {@code folder} (created if missing). */
    public static void writeBuiltIn(Path folder) {
        try {
            for (String file : BUILT_IN_FILES) {
                Path target = folder.resolve(file);
                Files.createDirectories(target.getParent());
                Files.writeString(target, resource(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the built-in agent to " + folder, e);
        }
    }

    private interface PromptSource {
        Optional<String> read(String relative);
    }

    private static AgentDefinition parse(String text, String where, PromptSource prompts) {
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            throw new AgentException(where + " is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new AgentException(where + " must be a YAML mapping with name, model, tools, limits and prompts");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                problems.add(f + ": unknown field; allowed: "
                        + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        String name = root.path("name").asText("");
        if (name.isBlank()) {
            problems.add("name: required");
        }
        Optional<ModelSettings> model =
                ModelSettingsReader.read(root.get("model"), "model", (f, m) -> problems.add(f + ": " + m));
        Set<AgentTool> tools = tools(root.get("tools"), problems);
        AgentDefinition.Limits limits = limits(root.path("limits"), problems);
        String system = prompt(root, "system", prompts, problems);
        String task = prompt(root, "task", prompts, problems);
        if (!problems.isEmpty()) {
            throw new AgentException(where + " has problems:\n  " + String.join("\n  ", problems));
        }
        return new AgentDefinition(name, model, tools, limits, system, task);
    }

    private static Set<AgentTool> tools(JsonNode node, List<String> problems) {
        if (node == null || node.isNull()) {
            return EnumSet.allOf(AgentTool.class);
        }
        Set<AgentTool> tools = EnumSet.noneOf(AgentTool.class);
        if (!node.isArray()) {
            problems.add("tools: must be a list; allowed: " + AgentTool.allowed());
            return tools;
        }
        for (JsonNode t : node) {
            AgentTool.byId(t.asText())
                    .ifPresentOrElse(
                            tools::add,
                            () -> problems.add(
                                    "tools: '" + t.asText() + "' is not a tool; allowed: " + AgentTool.allowed()));
        }
        return tools;
    }

    private static AgentDefinition.Limits limits(JsonNode node, List<String> problems) {
        AgentDefinition.Limits d = AgentDefinition.Limits.DEFAULT;
        long toolCalls = positive(node, "toolCalls", d.toolCalls(), problems);
        long tokens = positive(node, "tokens", d.tokens(), problems);
        long timeout = positive(node, "commandTimeout", d.commandTimeout().toSeconds(), problems);
        long retries = node.has("editRetries") ? node.get("editRetries").asLong(-1) : d.editRetries();
        if (retries < 0 || retries > 10) {
            problems.add("limits.editRetries: must be a whole number from 0 to 10");
            retries = d.editRetries();
        }
        return new AgentDefinition.Limits((int) toolCalls, tokens, Duration.ofSeconds(timeout), (int) retries);
    }

    private static long positive(JsonNode node, String field, long fallback, List<String> problems) {
        if (!node.has(field)) {
            return fallback;
        }
        JsonNode v = node.get(field);
        if (!v.canConvertToLong() || v.asLong() < 1) {
            problems.add("limits." + field + ": must be a positive whole number");
            return fallback;
        }
        return v.asLong();
    }

    private static String prompt(JsonNode root, String which, PromptSource prompts, List<String> problems) {
        String path = root.path("prompts").path(which).asText("prompts/" + which + ".md");
        if (path.startsWith("/") || path.contains("..")) {
            problems.add("prompts." + which + ": must be a path inside the agent folder");
            return "";
        }
        Optional<String> text = prompts.read(path);
        if (text.isEmpty() || text.get().isBlank()) {
            problems.add("prompts." + which + ": " + path + " is missing or empty");
            return "";
        }
        return text.get();
    }

    private static Optional<String> read(Path folder, String relative) {
        Path file = folder.resolve(relative);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String resource(String relative) {
        try (InputStream in = AgentFolder.class.getResourceAsStream(BUILT_IN + relative)) {
            if (in == null) {
                throw new IllegalStateException("built-in agent file missing from the jar: " + relative);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
