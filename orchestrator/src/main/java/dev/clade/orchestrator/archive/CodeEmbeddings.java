package dev.clade.orchestrator.archive;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The code embeddings of a campaign's nodes (novelty), read back with each node's island; they are written with the
 * node's commit ({@link ArchiveService#markCommitted}).
 */
@ApplicationScoped
public class CodeEmbeddings {

    private final EntityManager em;

    public CodeEmbeddings(EntityManager em) {
        this.em = em;
    }

    /** A node's embedding and its island (-1 for none). */
    public record Stored(int island, float[] vector) {}

    /** Every stored embedding of the campaign's committed nodes, by node number, in number order. */
    @Transactional
    public Map<Long, Stored> of(long campaignId) {
        List<Object[]> rows = em.createQuery(
                        "select n.number, n.island, n.codeEmbedding from Node n where n.campaignId = :campaign"
                                + " and n.codeEmbedding is not null order by n.number",
                        Object[].class)
                .setParameter("campaign", campaignId)
                .getResultList();
        Map<Long, Stored> out = new LinkedHashMap<>();
        rows.forEach(r -> out.put(
                ((Number) r[0]).longValue(),
                new Stored(r[1] == null ? -1 : ((Number) r[1]).intValue(), (float[]) r[2])));
        return out;
    }
}
