package dev.clade.agents.offline;

import dev.clade.agents.proposer.NodeSummary;
import dev.clade.agents.proposer.Operator;
import dev.clade.agents.proposer.Proposal;
import dev.clade.agents.proposer.ProposalRequest;
import dev.clade.agents.proposer.Proposer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * A proposer with no model: it perturbs the marked numeric parameters of the editable files ({@link
 * ParameterBlocks}) and recombines good parents.
 *
 * <ul>
 *   <li><b>draft</b>: perturbs about half of the parameters of the root with a bold step;
 *   <li><b>improve</b>: perturbs one or two parameters of a good node with that lineage's step, or (with
 *       probability {@value #RECOMBINE_PROBABILITY}) takes each parameter from either the parent or another good
 *       node and nudges one;
 *   <li><b>debug</b>: moves a failed node's parameters halfway back toward its parent's, which is the values that
 *       last worked, then nudges one with a small step.
 * </ul>
 *
 * <p>Step sizes adapt along each lineage by Rechenberg's success rule from evolution strategies: the step that made
 * a node is stored with it, multiplied by {@value #GROW} for the node's children when the node beat its own parent,
 * and by {@value #SHRINK} for each earlier child of the same parent that did not beat it.
 */
public final class OfflineProposer implements Proposer {

    static final double INITIAL_STEP = 0.2;
    static final double DRAFT_STEP = 0.35;
    static final double GROW = 1.5;
    static final double SHRINK = 0.8;
    static final double MIN_STEP = 0.02;
    static final double MAX_STEP = 1.0;
    static final double RECOMBINE_PROBABILITY = 0.3;
    private static final int ATTEMPTS = 20;

    static final String STEP = "step";
    /** Meta key prefix of a parameter's value in the node: {@code p:<file>:<name>}. */
    public static final String VALUE = "p:";

    /** Meta key prefix of a parameter's value in the parent: {@code from:<file>:<name>}. */
    public static final String FROM = "from:";

    private final boolean literals;

    /** The proposer of {@code clade:params} blocks and of the numbers inside evolve blocks. */
    public OfflineProposer() {
        this(false);
    }

    /** With {@code literals}, also of every number of the editable files that have neither kind of block. */
    public OfflineProposer(boolean literals) {
        this.literals = literals;
    }

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public Proposal propose(ProposalRequest request) {
        ParameterSet set;
        try {
            set = ParameterSet.scan(request, literals);
        } catch (IllegalArgumentException e) {
            return new Proposal.Declined(e.getMessage());
        }
        if (set.isEmpty()) {
            return new Proposal.Declined("no marked parameters ('" + ParameterBlocks.BEGIN + "' ... '"
                    + ParameterBlocks.END + "') in the editable files, and no number inside EVOLVE-BLOCK-START ..."
                    + " EVOLVE-BLOCK-END");
        }
        Random random = new Random(request.seed());
        Map<String, Double> current = set.values();
        double step = stepFor(request);
        Limits limits = Limits.of(request);
        Change avoided = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Change change = change(request, set.all(), current, step, random);
            if (change.values().equals(current)) {
                continue;
            }
            if (limits.allow(change.values())) {
                return edited(set, change, current, step, avoided == null ? "" : limits.told());
            }
            avoided = avoided == null ? change : avoided;
        }
        if (avoided != null) {
            // Every draw crossed a bound that a failure taught; keep what is safe of the first one.
            Change inside = new Change(limits.pullBack(avoided.values(), current, request.parent()), avoided.how());
            if (!inside.values().equals(current) && limits.allow(inside.values())) {
                return edited(set, inside, current, step, limits.told());
            }
            return new Proposal.Declined("every change the parameters allow crosses a bound that lessons say breaks"
                    + " the run (" + limits.told() + ")");
        }
        return new Proposal.Declined("every perturbation left the parameters unchanged (all at their bounds?)");
    }

    private static Proposal edited(
            ParameterSet set, Change change, Map<String, Double> current, double step, String lessons) {
        set.write(change.values());
        String idea = change.idea(current, set.all());
        return new Proposal.Edited(
                lessons.isEmpty() ? idea : idea + " (avoiding what lessons say breaks the run: " + lessons + ")",
                meta(change.values(), current, step));
    }

    private Change change(
            ProposalRequest request, List<Parameter> params, Map<String, Double> current, double step, Random random) {
        return switch (request.operator()) {
            case DRAFT, ROOT -> Mutation.perturb(params, current, step, 0.5, random, "draft");
            case IMPROVE -> improve(request, params, current, step, random);
            case DEBUG -> debug(request, params, current, step, random);
        };
    }

    private Change improve(
            ProposalRequest request, List<Parameter> params, Map<String, Double> current, double step, Random random) {
        List<NodeSummary> partners = request.inspirations().stream()
                .filter(n -> n.number() != request.parent().number()
                        && !valuesOf(n, VALUE).isEmpty())
                .limit(3)
                .toList();
        if (!partners.isEmpty() && random.nextDouble() < RECOMBINE_PROBABILITY) {
            NodeSummary partner = partners.get(random.nextInt(partners.size()));
            Map<String, Double> mixed = new LinkedHashMap<>(current);
            valuesOf(partner, VALUE).forEach((key, value) -> {
                if (mixed.containsKey(key) && random.nextBoolean()) {
                    mixed.put(key, value);
                }
            });
            Change nudged = Mutation.perturb(params, mixed, step / 2, 0.0, random, "improve");
            return new Change(nudged.values(), "recombine with node " + partner.number() + " and nudge");
        }
        return Mutation.perturb(params, current, step, 0.0, random, "improve");
    }

    private Change debug(
            ProposalRequest request, List<Parameter> params, Map<String, Double> current, double step, Random random) {
        // The values the parent started from worked, unless the parent was itself a failed node's child: then the
        // grandparent's starting values are the last that worked.
        Map<String, Double> lastGood = request.grandparent()
                .filter(NodeSummary::failed)
                .map(g -> valuesOf(g, FROM))
                .filter(v -> !v.isEmpty())
                .orElse(valuesOf(request.parent(), FROM));
        if (lastGood.isEmpty()) {
            return Mutation.perturb(params, current, step / 2, 0.0, random, "debug");
        }
        Map<String, Double> back = new LinkedHashMap<>(current);
        for (Parameter p : params) {
            Double good = lastGood.get(p.key());
            if (good != null) {
                back.put(p.key(), p.fit(good + 0.5 * (current.get(p.key()) - good)));
            }
        }
        Change nudged = Mutation.perturb(params, back, step / 4, 0.0, random, "debug");
        return new Change(
                nudged.values(),
                "debug: move halfway back toward node "
                        + request.grandparent().map(NodeSummary::number).orElse(0L) + "'s values and nudge");
    }

    static double stepFor(ProposalRequest request) {
        if (request.operator() == Operator.DRAFT) {
            return DRAFT_STEP;
        }
        NodeSummary parent = request.parent();
        double step = number(parent.meta().get(STEP)).orElse(INITIAL_STEP);
        if (request.operator() == Operator.DEBUG) {
            return clamp(step / 2);
        }
        Optional<NodeSummary> grandparent = request.grandparent();
        if (parent.score().isPresent()
                && grandparent
                        .flatMap(g ->
                                g.score().isPresent() ? Optional.of(g.score().getAsDouble()) : Optional.empty())
                        .map(g -> request.better(parent.score().getAsDouble(), g))
                        .orElse(false)) {
            step *= GROW;
        }
        long misses = request.siblings().stream()
                .filter(s -> s.score().isEmpty()
                        || parent.score().isEmpty()
                        || !request.better(
                                s.score().getAsDouble(), parent.score().getAsDouble()))
                .count();
        return clamp(step * Math.pow(SHRINK, misses));
    }

    private static double clamp(double step) {
        return Math.max(MIN_STEP, Math.min(MAX_STEP, step));
    }

    private static Map<String, String> meta(Map<String, Double> values, Map<String, Double> parent, double step) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(STEP, Double.toString(step));
        values.forEach((k, v) -> meta.put(VALUE + k, Double.toString(v)));
        parent.forEach((k, v) -> meta.put(FROM + k, Double.toString(v)));
        return meta;
    }

    static Map<String, Double> valuesOf(NodeSummary node, String prefix) {
        Map<String, Double> values = new LinkedHashMap<>();
        node.meta().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                number(v).ifPresent(d -> values.put(k.substring(prefix.length()), d));
            }
        });
        return values;
    }

    private static Optional<Double> number(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** New values and the words that describe how they were made. */
    record Change(Map<String, Double> values, String how) {
        Change {
            values = new LinkedHashMap<>(Objects.requireNonNull(values));
        }

        String idea(Map<String, Double> before, List<Parameter> params) {
            List<String> edits = new ArrayList<>();
            for (Parameter p : params) {
                double from = before.get(p.key());
                double to = values.get(p.key());
                if (from != to) {
                    edits.add(p.name() + " " + p.format(from) + " -> " + p.format(to));
                }
            }
            return how + ": " + String.join(", ", edits);
        }
    }
}
