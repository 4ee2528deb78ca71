package dev.clade.agents.coder;

import dev.clade.agents.edit.EvolveBlocks;
import dev.clade.agents.edit.WorkDirectory;
import dev.clade.agents.proposer.NodeSummary;
import dev.clade.agents.proposer.Operator;
import dev.clade.agents.proposer.ProposalRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Renders an agent's task template for one proposal. Placeholders: {@code {{goal}}}, {@code {{direction}}}, {@code
 * {{node}}}, {@code {{parent}}}, {@code {{operator}}}, {@code {{parent_result}}} (score or failure and the evaluator's
 * feedback), {@code {{parent_logs}}}, {@code {{attempts}}} (siblings and the best nodes), {@code {{lessons}}}
 * (lessons recalled for this proposal), {@code {{knowledge}}} (knowledge pages retrieved for it), {@code {{files}}}
 * (the editable files) and {@code {{code}}} (their contents, up to a size budget). Unknown placeholders stay as
 * written.
 */
final class TaskPrompt {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");
    static final int CODE_BUDGET_CHARS = 60_000;
    static final int FILE_LIST_LIMIT = 200;

    private TaskPrompt() {}

    static String render(String template, ProposalRequest r) {
        List<String> editable = editableFiles(r.workDir(), r);
        Map<String, String> values = Map.ofEntries(
                Map.entry("goal", r.goal()),
                Map.entry("direction", r.maximize() ? "as high as possible" : "as low as possible"),
                Map.entry("node", Long.toString(r.node())),
                Map.entry("parent", Long.toString(r.parent().number())),
                Map.entry("operator", operator(r.operator())),
                Map.entry("parent_result", result(r.parent())),
                Map.entry(
                        "parent_logs",
                        r.parentLog().isBlank()
                                ? ""
                                : "End of the parent's evaluation logs:\n```\n"
                                        + r.parentLog().strip() + "\n```"),
                Map.entry("attempts", attempts(r)),
                Map.entry("lessons", Recollections.lessons(r.guidance().lessons())),
                Map.entry("knowledge", Recollections.pages(r.guidance().pages())),
                Map.entry("files", files(r.workDir(), editable, r.pinned())),
                Map.entry("code", code(r.workDir(), editable)));
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The editable files (with the regions that may change, for a file with EVOLVE-BLOCK markers), then the
     * evaluator's, which the model must not try to change.
     */
    private static String files(Path root, List<String> editable, List<String> pinned) {
        String list = editable.isEmpty()
                ? "(none found)"
                : String.join(
                        "\n",
                        editable.stream()
                                .limit(FILE_LIST_LIMIT)
                                .map(f -> "- " + f + openRegions(root, f))
                                .toList());
        return pinned.isEmpty()
                ? list
                : list + "\nRead-only, the evaluator's files (a change to them is refused): "
                        + String.join(", ", pinned);
    }

    /** For a file with evolve blocks: which lines may change; nothing for a file that may change as a whole. */
    static String openRegions(Path root, String file) {
        try {
            Path path = root.resolve(file);
            if (Files.size(path) > 4 * 1024 * 1024) {
                return "";
            }
            return EvolveBlocks.of(file, WorkDirectory.read(path))
                    .map(b -> " (only " + b.describe() + " may change: between its EVOLVE-BLOCK-START and"
                            + " EVOLVE-BLOCK-END markers, which stay; an edit elsewhere is refused)")
                    .orElse("");
        } catch (IOException | IllegalArgumentException e) {
            return "";
        }
    }

    private static String operator(Operator op) {
        return switch (op) {
            case DEBUG -> "The parent's evaluation failed: find the cause in its feedback and logs and fix it.";
            case DRAFT -> "This is a fresh attempt from the starting program: try a substantially different idea.";
            case IMPROVE, ROOT -> "Improve on the parent.";
        };
    }

    static String result(NodeSummary n) {
        if (n.meta().containsKey(NodeSummary.TASK_START)) {
            return "the task's starting code: it has no score (the task's hidden tests judge the change you make)";
        }
        String score =
                n.score().isPresent() ? "score " + n.score().getAsDouble() : n.failed() ? "FAILED" : "not scored";
        String idea = n.meta().getOrDefault("idea", "");
        return "node " + n.number() + ": " + score
                + (idea.isBlank() ? "" : "; idea: " + idea)
                + (n.feedback().isBlank() ? "" : "\nfeedback: " + n.feedback().strip());
    }

    private static String attempts(ProposalRequest r) {
        List<String> lines = new ArrayList<>();
        r.siblings().forEach(s -> lines.add("- sibling " + result(s).replace("\n", " ")));
        r.inspirations().forEach(s -> {
            lines.add("- good " + result(s).replace("\n", " "));
            if (!s.diff().isBlank()) {
                lines.add("  its change from the parent:\n```diff\n" + s.diff().strip() + "\n```");
            }
        });
        return lines.isEmpty() ? "(none yet)" : String.join("\n", lines);
    }

    /** The editable files, sorted; links are left out, as the tools neither follow them out nor write through them. */
    static List<String> editableFiles(Path root, ProposalRequest r) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(
                            p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && WorkDirectory.hardLinks(p) == 1)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith(".git/"))
                    .filter(r.editable())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static String code(Path root, List<String> files) {
        StringBuilder out = new StringBuilder();
        List<String> left = new ArrayList<>();
        for (String f : files) {
            String text;
            try {
                byte[] bytes;
                try (InputStream in = Files.newInputStream(root.resolve(f), LinkOption.NOFOLLOW_LINKS)) {
                    bytes = in.readAllBytes();
                }
                if (bytes.length > CODE_BUDGET_CHARS || looksBinary(bytes)) {
                    left.add(f);
                    continue;
                }
                text = new String(bytes, StandardCharsets.UTF_8);
            } catch (IOException e) {
                left.add(f);
                continue;
            }
            if (out.length() + text.length() > CODE_BUDGET_CHARS) {
                left.add(f);
                continue;
            }
            out.append("## ").append(f).append("\n```\n").append(text);
            if (!text.endsWith("\n")) {
                out.append('\n');
            }
            out.append("```\n\n");
        }
        if (!left.isEmpty()) {
            out.append("Not shown (too large or binary; read them with read_file): ")
                    .append(String.join(", ", left))
                    .append('\n');
        }
        return out.toString();
    }

    private static boolean looksBinary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 4096); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
