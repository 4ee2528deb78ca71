package dev.clade.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Draws addressed by place in the tree, which is what makes strategies face the same landscape for a seed. */
class KeyedRandomTest {

    @Test
    void should_give_the_same_child_the_same_draws_whenever_it_is_asked_for() {
        long child = KeyedRandom.childKey(KeyedRandom.rootKey(5), 2);

        assertThat(KeyedRandom.childKey(KeyedRandom.rootKey(5), 2)).isEqualTo(child);
        assertThat(KeyedRandom.forNode(child).nextGaussian())
                .isEqualTo(KeyedRandom.forNode(child).nextGaussian());
        assertThat(KeyedRandom.uniform(child, 3)).isEqualTo(KeyedRandom.uniform(child, 3));
    }

    @Test
    void should_give_every_place_in_the_tree_its_own_key() {
        Set<Long> keys = new HashSet<>();
        for (long seed = 1; seed <= 20; seed++) {
            long root = KeyedRandom.rootKey(seed);
            keys.add(root);
            for (int i = 0; i < 20; i++) {
                long child = KeyedRandom.childKey(root, i);
                keys.add(child);
                keys.add(KeyedRandom.childKey(child, 0));
            }
        }

        assertThat(keys).hasSize(20 * 41);
    }

    @Test
    void should_draw_task_outcomes_uniformly_in_the_unit_interval() {
        long key = KeyedRandom.rootKey(9);
        double[] draws = IntStream.range(0, 20_000)
                .mapToDouble(t -> KeyedRandom.uniform(key, t))
                .toArray();

        assertThat(Arrays.stream(draws).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
        assertThat(Arrays.stream(draws).max().orElseThrow()).isLessThan(1.0);
        assertThat(Arrays.stream(draws).average().orElseThrow()).isCloseTo(0.5, within(0.01));
    }
}
