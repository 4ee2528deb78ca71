package dev.clade.orchestrator.engine;

import dev.clade.agents.distill.Recommender;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.guidance.RecommendationStore;
import dev.clade.orchestrator.strategy.Direction;
import dev.clade.orchestrator.strategy.NodeState;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Periodic recommendations ({@code proposer.recommendEvery}): once node k·N is reached, one model call reads the best
 * nodes and the failed recent ones and writes a few recommendations, stored as lessons of kind {@code recommendation}
 * that the next proposals are given (and rate, like every lesson they are given). With the offline proposer there is
 * no recommender and nothing happens. A failed call is logged, never the campaign's.
 */
final class Recommendations {

    private static final Logger LOG = Logger.getLogger(Recommendations.class);

    static final int BEST = 5;
    static final int FAILED = 8;

    private final RunContext run;
    private final RecommendationStore store;
    private final Optional<Recommender> recommender;
    private final Set<Long> asked = ConcurrentHashMap.newKeySet();

    Recommendations(RunContext run, RecommendationStore store, Optional<Recommender> recommender) {
        this.run = run;
        this.store = store;
        this.recommender = recommender;
    }

    /**
     * After {@code node} finished: recommends for the round of the last multiple of {@code recommendEvery} at or below
     * its number, unless that round was asked already (by another worker; or, stored, by the run before a restart): a
     * run killed between node k·N's end and the call makes up for it at its next node.
     */
    void after(NodeInfo node) {
        int every = run.spec().recommendEvery();
        long round = every <= 0 ? 0 : node.number() / every * every;
        if (recommender.isEmpty() || round == 0 || !asked.add(round) || store.written(run.spec(), round)) {
            return;
        }
        try {
            List<NodeInfo> all = run.archive().all(run.campaignId());
            boolean maximize = run.spec().evaluator().direction() == Direction.MAXIMIZE;
            Comparator<NodeInfo> bestFirst =
                    Comparator.comparingDouble(n -> n.score().getAsDouble());
            List<String> best = all.stream()
                    .filter(n -> n.state() == NodeState.SCORED && n.score().isPresent())
                    .sorted(maximize ? bestFirst.reversed() : bestFirst)
                    .limit(BEST)
                    .map(n -> String.format(
                            Locale.ROOT,
                            "- node %d: score %s; idea: %s",
                            n.number(),
                            n.score().getAsDouble(),
                            idea(n)))
                    .toList();
            List<String> failed = all.stream()
                    .filter(n -> n.number() > round - 2L * every && n.number() <= round)
                    .filter(n -> n.state().broken() || n.state() == NodeState.INVALID)
                    .sorted(Comparator.comparingLong(NodeInfo::number).reversed())
                    .limit(FAILED)
                    .map(n -> String.format(
                            Locale.ROOT,
                            "- node %d (%s): idea: %s; why: %s",
                            n.number(),
                            n.state().name().toLowerCase(Locale.ROOT),
                            idea(n),
                            n.reason()))
                    .toList();
            List<String> written = recommender
                    .get()
                    .recommend(new Recommender.Input(
                            run.name(), 0, run.spec().goal(), maximize, best, failed)); // its call: the root's
            store.store(run.spec(), run.node(round), written, recommender.get().model());
            if (!written.isEmpty()) {
                run.listener().note("recommendations after " + round + " experiments: " + String.join(" | ", written));
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "campaign %s: no recommendations after node %d", run.name(), round);
        }
    }

    private static String idea(NodeInfo n) {
        return n.idea().lines().findFirst().orElse("").strip();
    }
}
