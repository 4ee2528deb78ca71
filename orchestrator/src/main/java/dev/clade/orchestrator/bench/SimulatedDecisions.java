package dev.clade.orchestrator.bench;

import dev.clade.agents.proposer.Operator;
import dev.clade.orchestrator.strategy.ArchiveView;
import dev.clade.orchestrator.strategy.Direction;
import dev.clade.orchestrator.strategy.NodeState;
import dev.clade.orchestrator.strategy.SearchStrategy;
import dev.clade.orchestrator.strategy.StrategyCatalog;
import dev.clade.orchestrator.strategy.StrategySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;

/**
 * The time a strategy takes to decide on a simulated archive: a random tree of scored nodes, each evaluated once,
 * with the budget open. Measured after a warm-up, as the median of repeated decisions.
 */
final class SimulatedDecisions {

    private static final int WARM_UP = 20;
    private static final int MEASURED = 31;

    private SimulatedDecisions() {}

    /** The median time of one decision of {@code kind} (default parameters) on {@code nodes} nodes, in nanoseconds. */
    static long median(String kind, int nodes) {
        SearchStrategy strategy = StrategyCatalog.create(StrategySpec.of(kind, Map.of()));
        ArchiveView view = archive(nodes);
        long[] times = new long[MEASURED];
        Random random = new Random(7);
        long sink = 0;
        for (int i = 0; i < WARM_UP + MEASURED; i++) {
            long start = System.nanoTime();
            sink += strategy.next(view, random).hashCode();
            if (i >= WARM_UP) {
                times[i - WARM_UP] = System.nanoTime() - start;
            }
        }
        if (sink == 42) {
            System.out.print(""); // keeps the decisions from being optimised away
        }
        Arrays.sort(times);
        return times[MEASURED / 2];
    }

    static ArchiveView archive(int nodes) {
        Random random = new Random(nodes);
        List<ArchiveView.Node> list = new ArrayList<>(nodes + 1);
        list.add(new ArchiveView.Node(
                0, -1, Operator.ROOT, NodeState.SCORED, OptionalDouble.of(0), 1, 0.5, Set.of(ArchiveView.WHOLE)));
        for (int n = 1; n <= nodes; n++) {
            double score = random.nextGaussian();
            list.add(new ArchiveView.Node(
                    n,
                    random.nextInt(n),
                    n < 4 ? Operator.DRAFT : Operator.IMPROVE,
                    NodeState.SCORED,
                    OptionalDouble.of(score),
                    1,
                    random.nextDouble(),
                    Set.of(ArchiveView.WHOLE)));
        }
        return new ArchiveView(
                list,
                Direction.MAXIMIZE,
                List.of(ArchiveView.WHOLE),
                new ArchiveView.Budget(true, true, nodes + 1L, 10L * nodes + 100));
    }
}
