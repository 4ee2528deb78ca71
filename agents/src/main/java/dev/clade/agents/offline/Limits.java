package dev.clade.agents.offline;

import dev.clade.agents.proposer.NodeSummary;
import dev.clade.agents.proposer.ProposalRequest;
import dev.clade.memory.distill.ParameterLimit;
import dev.clade.memory.recall.RecalledLesson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parameter bounds that recalled lessons give (a value at which the run broke): the offline proposer draws again
 * rather than propose a value past one, and says which bounds it kept.
 */
final class Limits {

    private final List<ParameterLimit> limits;
    private final Set<ParameterLimit> applied = new LinkedHashSet<>();

    private Limits(List<ParameterLimit> limits) {
        this.limits = limits;
    }

    static Limits of(ProposalRequest request) {
        List<ParameterLimit> limits = new ArrayList<>();
        for (RecalledLesson l : request.guidance().lessons()) {
            if (l.lesson().outcomeSign() < 0) {
                l.lesson().limit().ifPresent(limits::add);
            }
        }
        return new Limits(limits);
    }

    /** Whether no value crosses a bound; remembers the bounds that refused it. */
    boolean allow(Map<String, Double> values) {
        boolean ok = true;
        for (ParameterLimit limit : limits) {
            Double v = values.get(limit.key());
            if (v != null && limit.violatedBy(v)) {
                applied.add(limit);
                ok = false;
            }
        }
        return ok;
    }

    /**
     * {@code values} with each parameter past a bound put back to the parent's value, or to the value the parent
     * started from, whichever lies inside every bound (else left as drawn).
     */
    Map<String, Double> pullBack(Map<String, Double> values, Map<String, Double> parent, NodeSummary parentNode) {
        Map<String, Double> before = OfflineProposer.valuesOf(parentNode, OfflineProposer.FROM);
        Map<String, Double> out = new LinkedHashMap<>(values);
        for (ParameterLimit limit : limits) {
            Double v = out.get(limit.key());
            if (v == null || !limit.violatedBy(v)) {
                continue;
            }
            for (Double safe : new Double[] {parent.get(limit.key()), before.get(limit.key())}) {
                if (safe != null && limits.stream().noneMatch(l -> l.key().equals(limit.key()) && l.violatedBy(safe))) {
                    out.put(limit.key(), safe);
                    break;
                }
            }
        }
        return out;
    }

    /** The bounds that refused a draw, in words. */
    String told() {
        return applied.stream().map(ParameterLimit::toString).collect(Collectors.joining(", "));
    }
}
