package dev.clade.agents.distill;

import dev.clade.agents.llm.CostLedger;
import dev.clade.agents.llm.ReliableChat;
import java.util.ArrayList;
import java.util.List;

/**
 * Periodic recommendations (ShinkaEvolve's meta-recommendations): every so many experiments one model call reads the
 * campaign's best nodes and its failed recent ones and writes a few short recommendations for the next proposals. One
 * call, counted in the campaign's ledger; a reply without usable lines gives none.
 */
public final class Recommender {

    static final String SYSTEM = """
            You review an optimization campaign between experiments: its best programs so far and its recent failures.
            Write at most 5 short recommendations for the next experiments: kinds of change worth trying, and kinds of
            change to avoid (say why, from the results). One recommendation per line, each starting with "- ", no
            other text.""";

    static final int MAX = 5;
    static final int LINE_CHARS = 300;

    /**
     * What the model reads.
     *
     * @param best the best nodes, one line each (number, score, idea)
     * @param failed the failed recent nodes, one line each (number, idea, why it failed)
     */
    public record Input(
            String campaign, long node, String goal, boolean maximize, List<String> best, List<String> failed) {
        public Input {
            best = List.copyOf(best);
            failed = List.copyOf(failed);
        }
    }

    private final ReliableChat chat;
    private final CostLedger ledger;

    public Recommender(ReliableChat chat, CostLedger ledger) {
        this.chat = chat;
        this.ledger = ledger;
    }

    /** The model's label, stored with the recommendations. */
    public String model() {
        return chat.settings().label();
    }

    /** One call; {@link dev.clade.agents.llm.ModelException} when the model cannot be reached. */
    public List<String> recommend(Input in) {
        return parse(chat.ask(SYSTEM, prompt(in), ledger, in.campaign(), in.node()));
    }

    static String prompt(Input in) {
        return "# Goal\n" + in.goal() + "\nThe score should be " + (in.maximize() ? "as high" : "as low")
                + " as possible.\n\n# The best nodes so far\n"
                + (in.best().isEmpty() ? "(none scored yet)" : String.join("\n", in.best()))
                + "\n\n# Recent failures\n" + (in.failed().isEmpty() ? "(none)" : String.join("\n", in.failed()))
                + "\n\nWrite the recommendations.";
    }

    /** The lines that start with "- " (or "* ", or a number and a dot), stripped; at most {@link #MAX}. */
    static List<String> parse(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String line : text.lines().toList()) {
            String t = line.strip();
            String body = t.startsWith("- ") || t.startsWith("* ")
                    ? t.substring(2)
                    : t.matches("\\d+[.)] .*") ? t.substring(t.indexOf(' ') + 1) : "";
            body = body.strip();
            if (!body.isEmpty() && out.size() < MAX) {
                out.add(body.length() <= LINE_CHARS ? body : body.substring(0, LINE_CHARS) + "...");
            }
        }
        return out;
    }
}
