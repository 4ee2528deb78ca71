package dev.clade.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.clade.orchestrator.bench.Trait.Lineage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The generative models, checked on many draws from a fixed seed. */
class LandscapeTest {

    private final SplittableRandom random = new SplittableRandom(42);

    @Test
    void should_give_aligned_children_the_utility_of_their_parents_plus_noise() {
        AlignedLandscape aligned = AlignedLandscape.standard();
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            double p = 0.1 + 0.8 * random.nextDouble();
            Trait child = aligned.child(new Trait(p, p, Lineage.PLAIN), random);
            pairs.add(new double[] {p, child.utility()});
            assertThat(child.potential()).isEqualTo(child.utility());
        }

        assertThat(correlation(pairs)).isGreaterThan(0.9);
        assertThat(pairs.stream().mapToDouble(x -> x[1] - x[0]).average().orElseThrow())
                .isCloseTo(aligned.mu(), within(0.01));
    }

    @Test
    void should_put_a_valley_of_worse_nodes_between_the_shallow_basin_and_the_deep_one() {
        DeceptiveLandscape deceptive = DeceptiveLandscape.standard();

        assertThat(deceptive.root().utility()).isCloseTo(0.247, within(0.001));
        assertThat(deceptive.utility(0.35)).isCloseTo(0.5, within(1e-9)); // the shallow peak, below the level
        assertThat(deceptive.utility(0.75)).isCloseTo(0.9, within(1e-9)); // the deep one
        assertThat(deceptive.utility(0.55)).isLessThan(0.12);
        // past the shallow peak, every step toward the deep basin scores worse until the valley's floor
        for (double x = 0.36; x < 0.55; x += 0.01) {
            assertThat(deceptive.utility(x + 0.01)).isLessThan(deceptive.utility(x));
        }
        assertThat(deceptive.utility(0.7)).isGreaterThan(deceptive.level());
        assertThat(deceptive.utility(0.5)).isLessThan(deceptive.root().utility());
        // a child moves N(0, 0.08) from its parent and its utility follows its position
        List<Trait> children = children(deceptive, deceptive.root(), 2000);
        assertThat(children.stream().mapToDouble(Trait::position).average().orElseThrow())
                .isCloseTo(0.25, within(0.01));
        assertThat(children).allSatisfy(c -> assertThat(c.utility()).isEqualTo(deceptive.utility(c.position())));
    }

    @Test
    void should_let_the_mismatch_root_start_both_lineages_with_flashy_children_scoring_higher() {
        MismatchLandscape mismatch = MismatchLandscape.standard();
        List<Trait> children = children(mismatch, mismatch.root(), 2000);

        List<Trait> flashy = of(children, Lineage.FLASHY);
        List<Trait> steady = of(children, Lineage.STEADY);

        assertThat((double) flashy.size() / children.size()).isCloseTo(mismatch.flashyShare(), within(0.05));
        assertThat(meanUtility(flashy)).isGreaterThan(meanUtility(steady) + 0.1);
        assertThat(flashy).allSatisfy(t -> assertThat(t.utility()).isGreaterThan(t.potential()));
        assertThat(steady).allSatisfy(t -> assertThat(t.utility()).isEqualTo(t.potential()));
    }

    @Test
    void should_make_flashy_children_degrade_and_steady_children_improve() {
        MismatchLandscape mismatch = MismatchLandscape.standard();
        Trait flashy = new Trait(0.5, 0.2, Lineage.FLASHY);
        Trait steady = new Trait(0.35, 0.35, Lineage.STEADY);

        List<Trait> ofFlashy = children(mismatch, flashy, 1000);
        List<Trait> ofSteady = children(mismatch, steady, 1000);

        assertThat(ofFlashy).allSatisfy(t -> assertThat(t.lineage()).isEqualTo(Lineage.FLASHY));
        assertThat(meanUtility(ofFlashy)).isCloseTo(flashy.utility() + mismatch.flashyDrift(), within(0.01));
        assertThat(ofSteady).allSatisfy(t -> assertThat(t.lineage()).isEqualTo(Lineage.STEADY));
        assertThat(meanUtility(ofSteady)).isCloseTo(steady.utility() + mismatch.steadyDrift(), within(0.01));
    }

    @Test
    void should_let_steady_lineages_overtake_the_flashy_ones_within_a_few_generations() {
        MismatchLandscape mismatch = MismatchLandscape.standard();
        double bestFlashyStart = of(children(mismatch, mismatch.root(), 2000), Lineage.FLASHY).stream()
                .mapToDouble(Trait::utility)
                .average()
                .orElseThrow();

        double[] steadyAtDepth = new double[8];
        double[] flashyAtDepth = new double[8];
        for (int run = 0; run < 500; run++) {
            walk(mismatch, Lineage.STEADY, steadyAtDepth);
            walk(mismatch, Lineage.FLASHY, flashyAtDepth);
        }

        assertThat(steadyAtDepth[6] / 500).isGreaterThan(bestFlashyStart);
        assertThat(flashyAtDepth[3] / 500).isLessThan(bestFlashyStart - 0.15);
    }

    /** Adds to {@code sums[d]} the utility at depth d of one lineage of the given kind below the root. */
    private void walk(MismatchLandscape mismatch, Lineage lineage, double[] sums) {
        Trait node = mismatch.root();
        for (int depth = 1; depth < sums.length; depth++) {
            Trait child = mismatch.child(node, random);
            while (depth == 1 && child.lineage() != lineage) {
                child = mismatch.child(node, random);
            }
            sums[depth] += child.utility();
            node = child;
        }
    }

    private List<Trait> children(Landscape landscape, Trait parent, int count) {
        List<Trait> children = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            children.add(landscape.child(parent, random));
        }
        return children;
    }

    private static List<Trait> of(List<Trait> traits, Lineage lineage) {
        return traits.stream().filter(t -> t.lineage() == lineage).toList();
    }

    private static double meanUtility(List<Trait> traits) {
        return traits.stream().mapToDouble(Trait::utility).average().orElseThrow();
    }

    private static double correlation(List<double[]> pairs) {
        double mx = pairs.stream().mapToDouble(x -> x[0]).average().orElseThrow();
        double my = pairs.stream().mapToDouble(x -> x[1]).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (double[] x : pairs) {
            sxy += (x[0] - mx) * (x[1] - my);
            sxx += (x[0] - mx) * (x[0] - mx);
            syy += (x[1] - my) * (x[1] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
