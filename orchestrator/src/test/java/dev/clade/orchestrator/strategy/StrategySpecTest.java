package dev.clade.orchestrator.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategySpecTest {

    @Test
    void should_fill_the_parameters_not_given_with_their_defaults() {
        StrategySpec spec = StrategySpec.of("hgm", Map.of("alpha", 0.5));

        assertThat(spec).isEqualTo(new StrategySpec.Hgm(0.5, 0, 3));
        assertThat(spec.kind()).isEqualTo("hgm");
        assertThat(spec.values())
                .containsExactly(Map.entry("alpha", 0.5), Map.entry("cooldown", 0.0), Map.entry("minEvaluations", 3.0));
    }

    @Test
    void should_build_each_kind_with_its_defaults() {
        assertThat(StrategySpec.of("greedy", Map.of())).isEqualTo(new StrategySpec.Greedy(3, 0.2, 2));
        assertThat(StrategySpec.of("dgm", Map.of())).isEqualTo(new StrategySpec.Dgm(10, 0.5, 2));
        assertThat(StrategySpec.of("islands", Map.of()))
                .isEqualTo(new StrategySpec.Islands(
                        4,
                        10,
                        0.7,
                        0.2,
                        0.1,
                        10,
                        20,
                        0.1,
                        List.of(StrategySpec.Feature.of("lines")),
                        StrategySpec.Selection.RATIOS));
        assertThat(StrategySpec.kinds()).isEqualTo(List.of("dgm", "greedy", "hgm", "islands"));
        for (String kind : StrategySpec.kinds()) {
            assertThat(StrategyCatalog.create(StrategySpec.of(kind, Map.of())).kind())
                    .isEqualTo(kind);
        }
    }

    @Test
    void should_refuse_a_kind_that_does_not_exist() {
        assertThat(StrategySpec.params("beam")).isEmpty();
        assertThatThrownBy(() -> StrategySpec.of("beam", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beam");
    }
}
