package dev.clade.orchestrator.cli;

import dev.clade.orchestrator.engine.RunReport;
import java.io.PrintStream;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/** The end-of-run summary: what ran, baseline against best, holdout, and how to check out the best branch. */
final class SummaryPrinter {

    private final PrintStream out;

    SummaryPrinter(PrintStream out) {
        this.out = out;
    }

    void print(RunReport r) {
        out.println();
        out.printf(
                "Campaign %s %s%s: %d of %d experiments (%s), active %s%n",
                r.campaign(),
                r.state().name().toLowerCase(),
                r.stopReason() == null ? "" : " (" + r.stopReason() + ")",
                r.experiments(),
                r.budget(),
                r.countsByState().entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey().toLowerCase())
                        .collect(Collectors.joining(", ")),
                human(r.active()));
        if (r.proposer().equals("llm") || r.cost().calls() > 0) {
            out.printf(
                    "LLM: %d calls, %,d input + %,d output tokens, $%.4f%s%n",
                    r.cost().calls(),
                    r.cost().inputTokens(),
                    r.cost().outputTokens(),
                    r.cost().usd(),
                    r.costBudgetUsd().isPresent()
                            ? String.format(
                                    " of a $%.2f budget", r.costBudgetUsd().getAsDouble())
                            : "");
        }
        if (r.models().size() > 1) {
            for (var m : r.models()) {
                out.printf(
                        "  %s: %d calls, $%.4f, %d proposals, %d improved on their parent%n",
                        m.model(), m.calls(), m.dollars(), m.proposals(), m.improvements());
            }
        }
        if (r.nearCopies() > 0) {
            out.printf(
                    "Novelty: %d near-copies of existing nodes were not evaluated (each was proposed again)%n",
                    r.nearCopies());
        }
        out.printf(
                "Baseline (node 0): %s%n",
                r.baseline().score().isPresent()
                        ? Numbers.format(r.baseline().score().getAsDouble())
                        : r.baseline().state().name().toLowerCase() + " "
                                + r.baseline().reason());
        if (r.best().isEmpty()) {
            out.println("No experiment produced a score.");
            return;
        }
        var best = r.best().get();
        out.printf(
                "Best (node %d): %s%s (%s is better)%n",
                best.number(),
                Numbers.format(best.score().getAsDouble()),
                r.improvementPercent().isPresent()
                        ? String.format(
                                " (%+.1f%% vs baseline)", r.improvementPercent().getAsDouble())
                        : "",
                r.maximize() ? "higher" : "lower");
        if (r.bestHoldout().isPresent() || r.baselineHoldout().isPresent()) {
            out.printf("Holdout: baseline %s, best %s%n", opt(r.baselineHoldout()), opt(r.bestHoldout()));
        }
        out.printf("Idea: %s%n", ConsoleProgress.firstLine(best.idea()));
        if (best.branch().isPresent()) {
            String branch = best.branch().get();
            out.printf("Best branch: %s in %s%n", branch, r.repository());
            out.println("Check it out:");
            out.printf("  git clone --branch %s %s %s-best%n", branch, r.repository(), r.campaign());
            out.printf(
                    "  git --git-dir %s diff %s %s%n",
                    r.repository(), r.baseCommit().substring(0, 10), branch);
        } else {
            out.println("The baseline stayed best: no experiment beat it.");
        }
    }

    private static String opt(OptionalDouble d) {
        return d.isPresent() ? Numbers.format(d.getAsDouble()) : "-";
    }

    private static String human(java.time.Duration d) {
        long s = d.toSeconds();
        return s >= 3600
                ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format("%dm%02ds", s / 60, s % 60);
    }
}
