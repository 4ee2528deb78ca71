package dev.clade.agents.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSettingsReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void should_refuse_a_price_that_is_not_a_finite_number_naming_the_field() throws Exception {
        List<String> problems = new ArrayList<>();

        assertThat(ModelSettingsReader.price(
                        JSON.readTree("{\"input\": 1e999, \"output\": 1}"),
                        "proposer.price",
                        (f, m) -> problems.add(f + ": " + m)))
                .isEmpty();
        assertThat(problems)
                .singleElement()
                .asString()
                .startsWith("proposer.price: must be")
                .contains("finite");
        assertThat(ModelSettingsReader.price(JSON.readTree("{\"input\": 0.4, \"output\": 1.6}"), "p", (f, m) -> {}))
                .hasValue(new Price(0.4, 1.6));
    }
}
