package dev.clade.agents.coder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clade.agents.edit.EditApplier;
import dev.clade.agents.edit.EditParser;
import dev.clade.agents.edit.EditReport;
import dev.clade.agents.edit.FileEdit;
import dev.clade.agents.edit.ParsedEdits;
import dev.clade.agents.edit.WorkDirectory;
import dev.clade.agents.proposer.Guidance;
import dev.clade.sandbox.Isolation;
import dev.clade.sandbox.Sandbox;
import dev.clade.sandbox.SandboxRequest;
import dev.clade.sandbox.SandboxResult;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * The tools of one proposal, over its work directory. Every answer is text for the model; a tool that cannot do what
 * was asked says why instead of throwing. Every path goes through {@link WorkDirectory}: no tool reads, lists, searches
 * or writes a file outside the work directory through a link, and a refusal names the path, never the link's target.
 */
final class WorkTools {

    static final String FINISH = "finish";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LIST = 500;
    private static final int MAX_READ_LINES = 400;
    private static final int MAX_MATCHES = 100;
    private static final int MAX_OUTPUT_CHARS = 6_000;

    /** The result of one tool call. */
    record Result(String text, boolean editAttempt, boolean edited) {
        static Result info(String text) {
            return new Result(text, false, false);
        }
    }

    private final Path root;
    private final WorkDirectory work;
    private final Predicate<String> editable;
    private final Set<AgentTool> enabled;
    private final Sandbox sandbox;
    private final Isolation isolation;
    private final Duration commandTimeout;
    private final Guidance.Lookup lookup;
    /** Each file the edits changed, as it was before the first of them. */
    private final java.util.Map<String, java.util.Optional<String>> originals = new java.util.LinkedHashMap<>();

    WorkTools(
            Path root,
            Predicate<String> editable,
            Set<AgentTool> enabled,
            Sandbox sandbox,
            Isolation isolation,
            Duration commandTimeout,
            Guidance.Lookup lookup) {
        this.lookup = lookup;
        this.root = root;
        this.work = WorkDirectory.of(root);
        this.editable = editable;
        this.enabled = enabled;
        this.sandbox = sandbox;
        this.isolation = isolation;
        this.commandTimeout = commandTimeout;
    }

    List<ToolSpecification> specifications() {
        List<ToolSpecification> specs = new ArrayList<>();
        for (AgentTool t : AgentTool.values()) {
            if (enabled.contains(t)) {
                specs.add(specification(t));
            }
        }
        specs.add(tool(
                FINISH,
                "End the proposal. summary: one line saying what the change tries (it becomes the commit message),"
                        + " optionally a blank line and a short explanation.",
                schema().addStringProperty("summary").required("summary")));
        return specs;
    }

    private ToolSpecification specification(AgentTool t) {
        return switch (t) {
            case LIST_FILES ->
                tool(
                        "list_files",
                        "List the files under a folder of the repository (default: all), marking the"
                                + " editable ones.",
                        schema().addStringProperty("path", "folder, relative to the repository root"));
            case READ_FILE ->
                tool(
                        "read_file",
                        "Read a file with line numbers; start_line and end_line (1-based, inclusive) pick a"
                                + " range.",
                        schema().addStringProperty("path")
                                .addIntegerProperty("start_line")
                                .addIntegerProperty("end_line")
                                .required("path"));
            case SEARCH ->
                tool(
                        "search",
                        "Search the repository's text files for a regular expression; answers path:line: text.",
                        schema().addStringProperty("pattern")
                                .addStringProperty("path", "folder to search in")
                                .required("pattern"));
            case APPLY_EDITS ->
                tool(
                        "apply_edits",
                        "Apply SEARCH/REPLACE blocks (the file's path on the line before each block) or a"
                                + " unified diff. All or nothing: when one edit does not apply, nothing is written and the"
                                + " reasons come back.",
                        schema().addStringProperty("edits").required("edits"));
            case WRITE_FILE ->
                tool(
                        "write_file",
                        "Write a whole file (created if missing).",
                        schema().addStringProperty("path")
                                .addStringProperty("content")
                                .required("path", "content"));
            case RUN_COMMAND ->
                tool(
                        "run_command",
                        "Run a shell command in the repository, in a sandbox without network; answers"
                                + " the exit status and the end of its output.",
                        schema().addStringProperty("command")
                                .addIntegerProperty("timeout_seconds")
                                .required("command"));
            case RECALL_LESSONS ->
                tool(
                        "recall_lessons",
                        "Look up lessons from earlier experiments (failure modes, what helped, what did nothing)"
                                + " that match a query, e.g. an error message or the change you consider.",
                        schema().addStringProperty("query").required("query"));
            case SEARCH_KNOWLEDGE ->
                tool(
                        "search_knowledge",
                        "Search the campaign's knowledge base (ingested docs, code, papers): workflows, principles,"
                                + " implementations, environment notes and heuristics matching a query.",
                        schema().addStringProperty("query").required("query"));
        };
    }

    private static JsonObjectSchema.Builder schema() {
        return JsonObjectSchema.builder();
    }

    private static ToolSpecification tool(String name, String description, JsonObjectSchema.Builder parameters) {
        return ToolSpecification.builder()
                .name(name)
                .description(description)
                .parameters(parameters.build())
                .build();
    }

    /** Runs a tool; {@code arguments} is the JSON object the model sent. */
    Result call(String name, String arguments) {
        JsonNode args;
        try {
            args = arguments == null || arguments.isBlank() ? JSON.createObjectNode() : JSON.readTree(arguments);
        } catch (IOException e) {
            return new Result(
                    "the arguments are not valid JSON: "
                            + e.getMessage().lines().findFirst().orElse(""),
                    name.equals("apply_edits") || name.equals("write_file"),
                    false);
        }
        if (args == null || !args.isObject()) {
            return Result.info("the arguments must be a JSON object");
        }
        AgentTool tool = AgentTool.byId(name).filter(enabled::contains).orElse(null);
        if (tool == null) {
            return Result.info("there is no tool '" + name + "'; the tools are: "
                    + String.join(
                            ", ",
                            specifications().stream()
                                    .map(ToolSpecification::name)
                                    .toList()));
        }
        return switch (tool) {
            case LIST_FILES -> Result.info(list(args.path("path").asText("")));
            case READ_FILE ->
                Result.info(read(
                        args.path("path").asText(""),
                        args.path("start_line").asInt(1),
                        args.path("end_line").asInt(Integer.MAX_VALUE)));
            case SEARCH ->
                Result.info(search(
                        args.path("pattern").asText(""), args.path("path").asText("")));
            case APPLY_EDITS -> applyText(args.path("edits").asText(""));
            case WRITE_FILE ->
                apply(List.of(new FileEdit.WholeFile(
                        args.path("path").asText(""), args.path("content").asText(""))));
            case RUN_COMMAND ->
                Result.info(run(
                        args.path("command").asText(""),
                        args.path("timeout_seconds").asLong(commandTimeout.toSeconds())));
            case RECALL_LESSONS ->
                lookUp(() ->
                        Recollections.lessons(lookup.lessons(args.path("query").asText(""))));
            case SEARCH_KNOWLEDGE ->
                lookUp(() ->
                        Recollections.pages(lookup.knowledge(args.path("query").asText(""))));
        };
    }

    /** A lookup's answer; a failed lookup is the agent's to work around, never the proposal's end. */
    private static Result lookUp(java.util.function.Supplier<String> answer) {
        try {
            return Result.info(answer.get());
        } catch (RuntimeException e) {
            return Result.info("the lookup failed: " + e.getMessage() + "; go on without it");
        }
    }

    /** Edits written in a reply (for models that answer in text). */
    Result applyText(String text) {
        ParsedEdits parsed = EditParser.parse(text);
        if (!parsed.problems().isEmpty()) {
            return new Result(
                    "not applied, nothing was written:\n- " + String.join("\n- ", parsed.problems()), true, false);
        }
        if (parsed.edits().isEmpty()) {
            return new Result(
                    "no edit found: write SEARCH/REPLACE blocks (the path on the line before <<<<<<< SEARCH)"
                            + " or a unified diff",
                    true,
                    false);
        }
        return apply(parsed.edits());
    }

    private Result apply(List<FileEdit> edits) {
        EditReport report = new EditApplier(root, editable).apply(edits);
        report.originals().forEach(originals::putIfAbsent);
        return new Result(report.describe(), true, report.applied());
    }

    /** A one-line idea derived from what the edits so far changed (see {@link ChangeSummary}). */
    String changeSummary() {
        return ChangeSummary.of(root, originals);
    }

    private String list(String folder) {
        Path base;
        switch (work.forReading(folder)) {
            case WorkDirectory.Refused refused -> {
                return "cannot list " + folder + ": " + refused.reason();
            }
            case WorkDirectory.Inside inside -> base = inside.path();
        }
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            return "no folder " + folder;
        }
        // The walk follows no link: a linked folder is listed as a link, never entered.
        try (Stream<Path> walk = Files.walk(base)) {
            List<String> lines = walk.filter(
                            p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p))
                    .map(p -> new Listed(work.relative(p), p))
                    .filter(f -> !f.relative().startsWith(".git/"))
                    .sorted(Comparator.comparing(Listed::relative))
                    .limit(MAX_LIST + 1)
                    .map(this::describe)
                    .toList();
            String out = String.join("\n", lines.stream().limit(MAX_LIST).toList());
            return lines.size() > MAX_LIST ? out + "\n... more files not listed" : out.isEmpty() ? "(no files)" : out;
        } catch (IOException | UncheckedIOException e) {
            return "cannot list " + folder + ": " + e.getMessage();
        }
    }

    private record Listed(String relative, Path path) {}

    private String describe(Listed f) {
        if (Files.isSymbolicLink(f.path())) {
            return f.relative()
                    + (work.leadsOut(f.path())
                            ? "  (symbolic link out of the work directory, never followed)"
                            : "  (symbolic link)");
        }
        return f.relative() + (editable.test(f.relative()) ? "  (editable)" : "") + "  " + size(f.path());
    }

    private String read(String path, int start, int end) {
        Path file;
        switch (work.forReading(path)) {
            case WorkDirectory.Refused refused -> {
                return "cannot read " + path + ": " + refused.reason();
            }
            case WorkDirectory.Inside inside -> file = inside.path();
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return "no file " + path;
        }
        try {
            List<String> lines = WorkDirectory.read(file).lines().toList();
            int from = Math.max(1, start);
            int to = Math.min(lines.size(), Math.min(end, from + MAX_READ_LINES - 1));
            StringBuilder out = new StringBuilder();
            for (int i = from; i <= to; i++) {
                out.append(i).append(": ").append(lines.get(i - 1)).append('\n');
            }
            if (to < lines.size()) {
                out.append("(lines ")
                        .append(to + 1)
                        .append('-')
                        .append(lines.size())
                        .append(" not shown)\n");
            }
            return out.isEmpty() ? "(empty file)" : out.toString();
        } catch (IOException e) {
            return "cannot read " + path + " as UTF-8 text: " + e.getMessage();
        }
    }

    private String search(String pattern, String folder) {
        Pattern p;
        try {
            p = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            p = Pattern.compile(Pattern.quote(pattern));
        }
        Path base;
        switch (work.forReading(folder)) {
            case WorkDirectory.Refused refused -> {
                return "cannot search " + folder + ": " + refused.reason();
            }
            case WorkDirectory.Inside inside -> base = inside.path();
        }
        if (!Files.exists(base, LinkOption.NOFOLLOW_LINKS)) {
            return "no folder " + folder;
        }
        List<String> hits = new ArrayList<>();
        // Links are skipped: one that stays inside is searched under its target's own path.
        try (Stream<Path> walk = Files.walk(base)) {
            for (Path f : walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList()) {
                String rel = work.relative(f);
                if (rel.startsWith(".git/") || bytes(f) > 2_000_000 || WorkDirectory.hardLinks(f) > 1) {
                    continue;
                }
                List<String> lines;
                try {
                    lines = WorkDirectory.read(f).lines().toList();
                } catch (IOException notText) {
                    continue;
                }
                for (int i = 0; i < lines.size() && hits.size() <= MAX_MATCHES; i++) {
                    if (p.matcher(lines.get(i)).find()) {
                        hits.add(rel + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (hits.isEmpty()) {
            return "no match";
        }
        return hits.size() > MAX_MATCHES
                ? String.join("\n", hits.subList(0, MAX_MATCHES)) + "\n... more matches not shown"
                : String.join("\n", hits);
    }

    private String run(String command, long seconds) {
        if (command.isBlank()) {
            return "no command given";
        }
        Duration timeout = Duration.ofSeconds(Math.max(1, Math.min(seconds, commandTimeout.toSeconds())));
        Path logs;
        try {
            logs = Files.createTempDirectory("clade-agent-cmd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            SandboxRequest request = SandboxRequest.of(List.of("/bin/sh", "-c", command), root)
                    .withTimeout(timeout)
                    .withOutputLimitBytes(1024 * 1024)
                    .withLogs(logs.resolve("stdout.log"), logs.resolve("stderr.log"))
                    .withIsolation(isolation);
            SandboxResult result = sandbox.run(request);
            String out = result.stdout().tail()
                    + (result.stderr().tail().isBlank()
                            ? ""
                            : "\n[stderr]\n" + result.stderr().tail());
            if (out.length() > MAX_OUTPUT_CHARS) {
                out = "...\n" + out.substring(out.length() - MAX_OUTPUT_CHARS);
            }
            return result.termination().describe() + " after "
                    + result.elapsed().toMillis() + " ms\n" + out;
        } finally {
            try (Stream<Path> files = Files.walk(logs)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // a temporary folder left behind is harmless
            }
        }
    }

    private static String size(Path p) {
        try {
            return bytes(p) + " B";
        } catch (IOException e) {
            return "";
        }
    }

    private static long bytes(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .size();
    }
}
