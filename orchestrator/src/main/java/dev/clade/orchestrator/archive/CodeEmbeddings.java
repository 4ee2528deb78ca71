package dev.clade.orchestrator.archive;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The code embeddings of a campaign's nodes (novelty): stored with the node row, read back by node number. */
@ApplicationScoped
public class CodeEmbeddings {

    private final EntityManager em;
    private final NodeRepository nodes;

    public CodeEmbeddings(EntityManager em, NodeRepository nodes) {
        this.em = em;
        this.nodes = nodes;
    }

    /** Every stored embedding of the campaign, by node number, in number order. */
    @Transactional
    public Map<Long, float[]> of(long campaignId) {
        List<Object[]> rows = em.createQuery(
                        "select n.number, n.codeEmbedding from Node n where n.campaignId = :campaign"
                                + " and n.codeEmbedding is not null order by n.number",
                        Object[].class)
                .setParameter("campaign", campaignId)
                .getResultList();
        Map<Long, float[]> out = new LinkedHashMap<>();
        rows.forEach(r -> out.put(((Number) r[0]).longValue(), (float[]) r[1]));
        return out;
    }

    @Transactional
    public void store(long nodeId, float[] embedding) {
        nodes.get(nodeId).codeEmbedding = embedding.clone();
    }
}
