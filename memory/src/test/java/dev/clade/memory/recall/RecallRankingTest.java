package dev.clade.memory.recall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecallRankingTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void should_find_the_same_failure_told_in_other_words_with_the_shipped_model() {
        EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        Embedding query =
                model.embed("the training job crashed: CUDA out of memory").content();
        double same = CosineSimilarity.between(
                query,
                model.embed("GPU ran out of memory with a large batch size").content());
        double other = CosineSimilarity.between(
                query,
                model.embed("raising the learning rate improved the score").content());

        assertThat(same).isGreaterThan(other + 0.15);
        assertThat(query.dimension()).isEqualTo(384);
    }

    @Test
    void should_rank_by_relevance_first() {
        var relevant = candidate(0.3, 0.6, 0.5, 0, 0, NOW);
        var weak = candidate(0.05, 0.3, 0.9, 4, 4, NOW);

        assertThat(RecallRanking.score(relevant, 0.3, NOW)).isGreaterThan(RecallRanking.score(weak, 0.3, NOW));
    }

    @Test
    void should_not_recall_an_unrelated_lesson_however_good() {
        var unrelated = candidate(0, 0.1, 1.0, 10, 10, NOW);

        assertThat(RecallRanking.score(unrelated, 0.4, NOW)).isZero();
    }

    @Test
    void should_prefer_the_lesson_that_helped_at_equal_relevance() {
        var helped = candidate(0.2, 0.5, 0.6, 4, 3, NOW);
        var didNot = candidate(0.2, 0.5, 0.6, 4, 0, NOW);
        var unused = candidate(0.2, 0.5, 0.6, 0, 0, NOW);

        assertThat(RecallRanking.score(helped, 0.2, NOW))
                .isGreaterThan(RecallRanking.score(unused, 0.2, NOW))
                .isGreaterThan(RecallRanking.score(didNot, 0.2, NOW));
    }

    @Test
    void should_prefer_the_recent_lesson_at_equal_evidence() {
        var recent = candidate(0.2, 0.5, 0.6, 0, 0, NOW.minus(Duration.ofDays(1)));
        var old = candidate(0.2, 0.5, 0.6, 0, 0, NOW.minus(Duration.ofDays(60)));

        assertThat(RecallRanking.recency(recent, NOW)).isGreaterThan(0.9);
        assertThat(RecallRanking.score(recent, 0.2, NOW)).isGreaterThan(RecallRanking.score(old, 0.2, NOW));
    }

    @Test
    void should_count_words_only_relative_to_the_best_match() {
        assertThat(RecallRanking.relevance(candidate(0.1, 0, 0.5, 0, 0, NOW), 0.1))
                .isEqualTo(0.5);
        assertThat(RecallRanking.relevance(candidate(0, 0.8, 0.5, 0, 0, NOW), 0))
                .isEqualTo(0.4);
    }

    private static RecallRanking.Candidate candidate(
            double text, double similarity, double confidence, int used, int helpful, Instant updated) {
        return new RecallRanking.Candidate(text, similarity, confidence, used, helpful, updated);
    }
}
