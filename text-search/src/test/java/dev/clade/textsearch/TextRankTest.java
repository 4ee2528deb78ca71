package dev.clade.textsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class TextRankTest {

    @Test
    void should_rank_the_rows_of_the_named_table_that_share_any_word_with_the_query() {
        // when
        String sql = TextRank.sql("lesson");

        // then
        assertThat(sql)
                .isEqualTo("select t.id, ts_rank(t.search, q.query) from lesson t,"
                        + " (select cast(replace(cast(plainto_tsquery('english', ?1) as text), '&', '|') as tsquery)"
                        + " as query) q where t.search @@ q.query");
    }

    @Test
    void should_refuse_a_table_name_that_is_not_a_plain_name() {
        assertThatThrownBy(() -> TextRank.sql("lesson; drop table lesson"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TextRank.sql("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_run_the_rank_query_of_the_table_with_the_text_as_its_parameter() {
        // given: an entity manager that answers one row to any native query
        List<String> asked = new ArrayList<>();
        Query query = stub(Query.class, (method, args) -> {
            asked.add(call(method, args));
            return method.getName().equals("getResultList")
                    ? Collections.singletonList(new Object[] {3L, 0.75f})
                    : null;
        });
        EntityManager em = stub(EntityManager.class, (method, args) -> {
            asked.add(call(method, args));
            return query;
        });

        // when
        Map<Long, Double> ranks = TextRank.ranks(em, "lesson", "learning rate");

        // then
        assertThat(ranks).containsExactly(Map.entry(3L, 0.75));
        assertThat(asked)
                .containsExactly(
                        "createNativeQuery[" + TextRank.sql("lesson") + "]",
                        "setParameter[1, learning rate]",
                        "getResultList[]");
    }

    @Test
    void should_read_ids_and_ranks_of_any_numeric_type() {
        // given: the driver may answer bigint and real as Long or BigInteger, Float or Double
        List<Object[]> rows = List.of(new Object[] {7L, 0.5f}, new Object[] {BigInteger.TWO, 0.25});

        // then
        assertThat(TextRank.byId(rows))
                .containsEntry(7L, 0.5)
                .containsEntry(2L, 0.25)
                .hasSize(2);
    }

    @Test
    void should_weigh_the_relative_text_rank_and_the_similarity_equally() {
        assertThat(TextRank.relevance(0.1, 0.1, 0)).isCloseTo(0.5, within(1e-9));
        assertThat(TextRank.relevance(0.05, 0.1, 0.8)).isCloseTo(0.25 + 0.4, within(1e-9));
        assertThat(TextRank.relevance(0, 0, 0.8)).isCloseTo(0.4, within(1e-9));
    }

    @Test
    void should_cap_the_text_part_at_one_and_ignore_a_negative_similarity() {
        assertThat(TextRank.relevance(0.3, 0.1, -0.5)).isCloseTo(0.5, within(1e-9));
        assertThat(TextRank.relevance(0.3, 0, 1)).isCloseTo(0.5, within(1e-9));
    }

    private static String call(Method method, Object[] args) {
        return method.getName() + Arrays.toString(args == null ? new Object[0] : args);
    }

    /** A stand-in whose methods answer what {@code answer} says, but {@code setParameter} the stand-in itself. */
    private static <T> T stub(Class<T> type, BiFunction<Method, Object[], Object> answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            Object answered = answer.apply(method, args);
            return method.getName().equals("setParameter") ? self : answered;
        }));
    }
}
