package dev.clade.orchestrator.cost;

import dev.clade.agents.llm.CostLedger;
import dev.clade.agents.llm.LlmCall;
import dev.clade.orchestrator.metrics.CladeMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * Counts model calls in PostgreSQL, per node and per campaign, and answers how much of a campaign's dollar budget is
 * left. Totals survive restarts, so a resumed campaign continues its budget.
 */
@ApplicationScoped
public class CostService {

    private final EntityManager em;

    private final CladeMetrics metrics;

    public CostService(EntityManager em, CladeMetrics metrics) {
        this.em = em;
        this.metrics = metrics;
    }

    @Transactional
    public void record(long campaignId, long node, LlmCall call) {
        LlmCallRecord r = new LlmCallRecord();
        r.campaignId = campaignId;
        r.nodeNumber = node;
        r.model = call.model();
        r.inputTokens = call.inputTokens();
        r.outputTokens = call.outputTokens();
        r.costUsd = call.costUsd();
        r.createdAt = Instant.now();
        r.persist();
        metrics.llmCall(call.model(), call.inputTokens(), call.outputTokens(), call.costUsd());
    }

    @Transactional
    public CostTotals totals(long campaignId) {
        Object[] row = (Object[]) em.createQuery("select count(c), coalesce(sum(c.inputTokens), 0),"
                        + " coalesce(sum(c.outputTokens), 0), coalesce(sum(c.costUsd), 0.0)"
                        + " from LlmCallRecord c where c.campaignId = :campaign")
                .setParameter("campaign", campaignId)
                .getSingleResult();
        return new CostTotals(
                ((Number) row[0]).longValue(),
                ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue(),
                ((Number) row[3]).doubleValue());
    }

    /** A campaign's calls grouped by node and model: how many, and their dollars. */
    public record NodeCalls(long node, String model, long calls, double usd) {}

    @Transactional
    public java.util.List<NodeCalls> byNodeAndModel(long campaignId) {
        java.util.List<Object[]> rows = em.createQuery(
                        "select c.nodeNumber, c.model, count(c), coalesce(sum(c.costUsd), 0.0) from LlmCallRecord c"
                                + " where c.campaignId = :campaign group by c.nodeNumber, c.model"
                                + " order by c.nodeNumber, c.model",
                        Object[].class)
                .setParameter("campaign", campaignId)
                .getResultList();
        return rows.stream()
                .map(r -> new NodeCalls(
                        ((Number) r[0]).longValue(),
                        (String) r[1],
                        ((Number) r[2]).longValue(),
                        ((Number) r[3]).doubleValue()))
                .toList();
    }

    /** The ledger a campaign's proposer writes to; {@code budgetUsd} empty means no dollar budget. */
    public CostLedger ledger(long campaignId, OptionalDouble budgetUsd) {
        return new CostLedger() {
            @Override
            public void record(String campaign, long node, LlmCall call) {
                CostService.this.record(campaignId, node, call);
            }

            @Override
            public OptionalDouble remainingUsd(String campaign) {
                if (budgetUsd.isEmpty()) {
                    return OptionalDouble.empty();
                }
                return OptionalDouble.of(
                        Math.max(0, budgetUsd.getAsDouble() - totals(campaignId).usd()));
            }
        };
    }
}
