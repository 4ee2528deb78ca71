package dev.clade.agents.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.clade.agents.ensemble.ModelBandit.Arm;
import dev.clade.agents.ensemble.ModelBandit.Selection;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The ensemble's choice on hand-made statistics: the UCB indexes were worked out by hand from mean reward / relative
 * cost + sqrt(ln N / n), so changing the formula fails these tests.
 */
class ModelBanditTest {

    @Test
    void should_prefer_the_model_that_helps_over_a_cheap_one_that_never_does() {
        Arm dear = new Arm("helps", 1, 4, 3, 0.16); // $0.04 a proposal, mean reward 0.75
        Arm cheap = new Arm("useless", 1, 6, 0, 0.024); // $0.004 a proposal: a tenth of the dearest

        double[] index = ModelBandit.indexes(List.of(dear, cheap));

        assertThat(index[0]).isCloseTo(1.5087135647, offset(1e-9)); // 0.75 / 1 + sqrt(ln 10 / 4)
        assertThat(index[1]).isCloseTo(0.6194870315, offset(1e-9)); // 0 / 0.1 + sqrt(ln 10 / 6)
        assertThat(ModelBandit.choose(List.of(dear, cheap), Selection.UCB, new SplittableRandom(1)))
                .isZero();
    }

    @Test
    void should_favour_a_cheap_model_that_helps_by_its_cheapness() {
        Arm dear = new Arm("dear", 1, 4, 2, 0.16);
        Arm cheap = new Arm("cheap", 1, 4, 1, 0.016);
        Arm free = new Arm("free", 1, 4, 2, 0); // no price: counted as a twentieth of the dearest

        double[] index = ModelBandit.indexes(List.of(dear, cheap));
        double[] withFree = ModelBandit.indexes(List.of(dear, free));

        assertThat(index[0]).isCloseTo(1.2210134433, offset(1e-9)); // 0.5 + sqrt(ln 8 / 4)
        assertThat(index[1]).isCloseTo(3.2210134433, offset(1e-9)); // 0.25 / 0.1 + the same bonus
        assertThat(withFree[1]).isCloseTo(10.7210134433, offset(1e-9)); // 0.5 / 0.05 + the bonus
        assertThat(ModelBandit.choose(List.of(dear, cheap), Selection.UCB, new SplittableRandom(1)))
                .isEqualTo(1);
    }

    @Test
    void should_try_every_model_once_first_in_the_ensembles_order_and_break_ties_to_the_earlier() {
        Arm tried = new Arm("a", 1, 3, 3, 0.3);
        Arm untried = new Arm("b", 1, 0, 0, 0);
        Arm alsoUntried = new Arm("c", 1, 0, 0, 0);

        assertThat(ModelBandit.choose(List.of(tried, untried, alsoUntried), Selection.UCB, new SplittableRandom(1)))
                .isEqualTo(1);
        Arm same = new Arm("d", 1, 3, 3, 0.3);
        assertThat(ModelBandit.choose(List.of(tried, same), Selection.UCB, new SplittableRandom(1)))
                .isZero();
        // nothing cost anything: relative costs are all 1
        assertThat(ModelBandit.indexes(List.of(new Arm("x", 1, 2, 1, 0), new Arm("y", 1, 2, 2, 0))))
                .containsExactly(0.5 + Math.sqrt(Math.log(4) / 2), 1 + Math.sqrt(Math.log(4) / 2));
    }

    @Test
    void should_draw_by_weight_with_the_seeded_source() {
        List<Arm> arms = List.of(new Arm("a", 3, 0, 0, 0), new Arm("b", 1, 0, 0, 0));
        SplittableRandom random = new SplittableRandom(42);
        int first = 0;
        int draws = 20_000;

        for (int i = 0; i < draws; i++) {
            first += ModelBandit.choose(arms, Selection.WEIGHTED, random) == 0 ? 1 : 0;
        }

        assertThat(first / (double) draws).isCloseTo(0.75, offset(0.01));
    }
}
