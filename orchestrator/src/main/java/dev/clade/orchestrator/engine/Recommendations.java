package dev.clade.orchestrator.engine;

import dev.clade.agents.distill.Recommender;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.guidance.GuidanceService;
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
 * Periodic recommendations ({@code proposer.recommendEvery}): when node k·N finishes, one model call reads the best
 * nodes and the failed recent ones and writes a few recommendations, stored as lessons of kind {@code recommendation}
 * that the next proposals are given (and rate, like every lesson they are given). With the offline proposer there is
 * no recommender and nothing happens. A failed call is logged, never the campaign's.
 */
final class Recommendations {

    private static final Logger LOG = Logger.getLogger(Recommendations.class);

    static final int BEST = 5;
    static final int FAILED = 8;

    private final RunContext run;
    private final GuidanceService guidance;
    private final Optional<Recommender> recommender;
    private final Set<Long> asked = ConcurrentHashMap.newKeySet();

    Recommendations(RunContext run, GuidanceService guidance, Optional<Recommender> recommender) {
        this.run = run;
        this.guidance = guidance;
        this.recommender = recommender;
    }

    /** After {@code node} finished: recommends when its number is a multiple of {@code recommendEvery}. */
    void after(NodeInfo node) {
        int every = run.spec().recommendEvery();
        if (recommender.isEmpty() || every <= 0 || node.number() == 0 || node.number() % every != 0) {
            return;
        }
        if (!asked.add(node.number()) || guidance.recommended(run.spec(), node.number())) {
            return; // another worker, or the run before a restart, asked already
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
                    .filter(n -> n.number() > node.number() - 2L * every && n.number() <= node.number())
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
                            run.name(), node.number(), run.spec().goal(), maximize, best, failed));
            guidance.recommend(run.spec(), node, written, recommender.get().model());
            if (!written.isEmpty()) {
                run.listener()
                        .note("recommendations after " + node.number() + " experiments: "
                                + String.join(" | ", written));
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "campaign %s: no recommendations after node %d", run.name(), node.number());
        }
    }

    private static String idea(NodeInfo n) {
        return n.idea().lines().findFirst().orElse("").strip();
    }
}
