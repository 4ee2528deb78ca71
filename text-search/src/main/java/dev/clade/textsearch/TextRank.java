package dev.clade.textsearch;

import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The hybrid ranking that lesson recall and knowledge search share: PostgreSQL's {@code ts_rank} of the rows whose
 * words match a query, and the relevance that weighs that rank and an embedding similarity equally.
 */
public final class TextRank {

    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*");

    private TextRank() {}

    /**
     * A native query for {@code (id, ts_rank)} of every row of {@code table} that shares a word with the text bound to
     * its parameter {@code ?1} (any word, not all of them; English stemming, as {@code plainto_tsquery} reads it).
     *
     * @param table a table with an {@code id} and a {@code tsvector} column {@code search}; a fixed name, never input
     * @throws IllegalArgumentException when {@code table} is not a plain lower-case SQL name
     */
    public static String sql(String table) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("not a plain table name: '" + table + "'");
        }
        return "select t.id, ts_rank(t.search, q.query) from " + table + " t,"
                + " (select cast(replace(cast(plainto_tsquery('english', ?1) as text), '&', '|') as tsquery)"
                + " as query) q where t.search @@ q.query";
    }

    /**
     * {@code ts_rank} by id of every row of {@code table} that shares a word with {@code query} (see {@link #sql}).
     *
     * @param em where the native query runs, in the caller's transaction
     */
    public static Map<Long, Double> ranks(EntityManager em, String table, String query) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(sql(table)).setParameter(1, query).getResultList();
        return byId(rows);
    }

    /** The rows of a {@link #sql} query, {@code (id, rank)} with any numeric types, as a rank by id. */
    static Map<Long, Double> byId(List<Object[]> rows) {
        Map<Long, Double> ranks = new HashMap<>();
        for (Object[] row : rows) {
            ranks.put(((Number) row[0]).longValue(), ((Number) row[1]).doubleValue());
        }
        return ranks;
    }

    /**
     * Relevance in [0, 1]: half the text rank relative to the best one among the candidates (at most 1; 0 when no
     * candidate matches the words), half the similarity (0 when negative).
     *
     * @param textRank the candidate's {@code ts_rank}; 0 when its words do not match
     * @param bestTextRank the highest {@code ts_rank} among the candidates
     * @param similarity the cosine similarity of the candidate's and the query's embeddings
     */
    public static double relevance(double textRank, double bestTextRank, double similarity) {
        double text = bestTextRank > 0 ? Math.min(1, textRank / bestTextRank) : 0;
        return 0.5 * text + 0.5 * Math.max(0, similarity);
    }
}
