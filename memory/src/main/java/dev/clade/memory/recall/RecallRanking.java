package dev.clade.memory.recall;

import dev.clade.textsearch.TextRank;
import java.time.Duration;
import java.time.Instant;

/**
 * How recall orders lessons: relevance to the query (full-text rank and embedding similarity, equally weighted) scaled
 * by the lesson's quality (confidence, helpfulness, recency). A lesson that matches neither the words nor the meaning
 * of the query is not recalled, however good it is.
 */
public final class RecallRanking {

    /** Below this relevance a lesson is unrelated to the query. */
    public static final double MIN_RELEVANCE = 0.15;

    /** Recency halves every this many days. */
    static final double HALF_LIFE_DAYS = 14;

    private RecallRanking() {}

    /**
     * One candidate's evidence for ranking.
     *
     * @param textRank PostgreSQL's {@code ts_rank} of the lesson for the query; 0 when the words do not match
     * @param similarity cosine similarity of the embeddings; 0 when either is missing
     */
    public record Candidate(
            double textRank, double similarity, double confidence, int timesUsed, int timesHelpful, Instant updated) {}

    /** Relevance in [0, 1]: the text rank relative to the best one among the candidates, and the similarity. */
    public static double relevance(Candidate c, double bestTextRank) {
        return TextRank.relevance(c.textRank(), bestTextRank, c.similarity());
    }

    /**
     * Helpfulness with a uniform prior (Laplace's rule of succession): 0.5 for a lesson never used, then the share of
     * the children that used it and improved.
     */
    public static double helpfulness(Candidate c) {
        return (c.timesHelpful() + 1.0) / (c.timesUsed() + 2.0);
    }

    public static double recency(Candidate c, Instant now) {
        double days = Math.max(0, Duration.between(c.updated(), now).toMinutes() / (60.0 * 24));
        return Math.pow(0.5, days / HALF_LIFE_DAYS);
    }

    /** The score to sort by, or 0 when the lesson is not relevant enough to recall. */
    public static double score(Candidate c, double bestTextRank, Instant now) {
        double relevance = relevance(c, bestTextRank);
        if (relevance < MIN_RELEVANCE) {
            return 0;
        }
        double quality = 0.5 * c.confidence() + 0.35 * helpfulness(c) + 0.15 * recency(c, now);
        return relevance * (0.5 + 0.5 * quality);
    }
}
