package dev.clade.orchestrator.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message of a node's commit: the idea (its first line is the summary), a blank line, then git trailers
 * {@code Clade-Campaign}, {@code Clade-Node}, {@code Clade-Parent} and, when known, {@code Clade-Score}.
 *
 * @param idea what the change tries, in plain words; blank or null is formatted as {@value #NO_IDEA}
 * @param campaign the campaign's name; not blank, a single line
 * @param node the node's id
 * @param parent the parent node's id
 * @param score the node's score when known; must be finite
 */
public record CommitMessage(String idea, String campaign, long node, long parent, OptionalDouble score) {

    public static final String NO_IDEA = "(no idea given)";
    public static final String CAMPAIGN = "Clade-Campaign";
    public static final String NODE = "Clade-Node";
    public static final String PARENT = "Clade-Parent";
    public static final String SCORE = "Clade-Score";

    private static final Pattern TRAILER = Pattern.compile("([A-Za-z0-9][A-Za-z0-9-]*)[ \\t]*:[ \\t]*(.*)");

    public CommitMessage {
        Objects.requireNonNull(campaign, "campaign");
        if (campaign.isBlank() || campaign.contains("\n") || campaign.contains("\r")) {
            throw new IllegalArgumentException("campaign must be a non-blank single line, got '" + campaign + "'");
        }
        score = score == null ? OptionalDouble.empty() : score;
        if (score.isPresent() && !Double.isFinite(score.getAsDouble())) {
            throw new IllegalArgumentException("score must be finite, got " + score.getAsDouble());
        }
    }

    /** A message for a node whose score is not known yet. */
    public static CommitMessage of(String idea, String campaign, long node, long parent) {
        return new CommitMessage(idea, campaign, node, parent, OptionalDouble.empty());
    }

    /** This message with the given score. */
    public CommitMessage withScore(double value) {
        return new CommitMessage(idea, campaign, node, parent, OptionalDouble.of(value));
    }

    /** The full commit message: the trimmed idea (line endings normalised to {@code \n}), a blank line, trailers. */
    public String format() {
        String text = idea == null
                ? ""
                : idea.replace("\r\n", "\n").replace('\r', '\n').strip();
        StringBuilder message = new StringBuilder(text.isEmpty() ? NO_IDEA : text).append("\n\n");
        message.append(CAMPAIGN).append(": ").append(campaign.strip()).append('\n');
        message.append(NODE).append(": ").append(node).append('\n');
        message.append(PARENT).append(": ").append(parent).append('\n');
        score.ifPresent(s -> message.append(SCORE).append(": ").append(s).append('\n'));
        return message.toString();
    }

    /**
     * The trailers of a commit message, in order: the key/value lines of its last paragraph, as git reads them.
     * Returns an empty map when the message has a single paragraph or when its last paragraph holds a line that is
     * not a trailer. A continuation line (starting with white space) extends the previous value; a repeated key keeps
     * its first position and its last value.
     */
    public static Map<String, String> trailers(String message) {
        List<String> lines = message.replace("\r\n", "\n").strip().lines().toList();
        int start = lines.size();
        while (start > 0 && !lines.get(start - 1).isBlank()) {
            start--;
        }
        if (start == 0) {
            return Map.of();
        }
        Map<String, String> trailers = new LinkedHashMap<>();
        String last = null;
        for (String line : lines.subList(start, lines.size())) {
            Matcher matcher = TRAILER.matcher(line);
            if (last != null && (line.startsWith(" ") || line.startsWith("\t"))) {
                trailers.put(last, (trailers.get(last) + " " + line.strip()).strip());
            } else if (matcher.matches()) {
                last = matcher.group(1);
                trailers.put(last, matcher.group(2).strip());
            } else {
                return Map.of();
            }
        }
        return Collections.unmodifiableMap(trailers);
    }

    /** {@code message} with its {@code Clade-Score} trailer set to {@code score} (replacing any earlier one). */
    static String withScore(String message, double score) {
        String kept = message.stripTrailing()
                .lines()
                .filter(line -> !line.startsWith(SCORE + ":"))
                .collect(java.util.stream.Collectors.joining("\n"));
        return kept + "\n" + SCORE + ": " + score + "\n";
    }
}
