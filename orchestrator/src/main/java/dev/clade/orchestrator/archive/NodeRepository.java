package dev.clade.orchestrator.archive;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class NodeRepository implements PanacheRepository<Node> {

    public List<Node> ofCampaign(long campaignId) {
        return list("campaignId = ?1 order by number", campaignId);
    }

    public Optional<Node> byNumber(long campaignId, long number) {
        return find("campaignId = ?1 and number = ?2", campaignId, number).firstResultOptional();
    }

    /**
     * The node, its row locked until the transaction ends: two workers that finish tasks of one node judge it one
     * after the other, each seeing the other's result.
     */
    public Node lock(long id) {
        Node node = findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (node == null) {
            throw new IllegalStateException("node row " + id + " does not exist");
        }
        return node;
    }

    public Node get(long id) {
        Node node = findById(id);
        if (node == null) {
            throw new IllegalStateException("node row " + id + " does not exist");
        }
        return node;
    }
}
