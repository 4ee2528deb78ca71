package dev.clade.orchestrator.archive;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class EvaluationRepository implements PanacheRepository<Evaluation> {

    public List<Evaluation> ofNode(long nodeId) {
        return list("nodeId = ?1 order by holdout, attempt, stageIndex", nodeId);
    }

    public int lastHoldoutAttempt(long nodeId) {
        Integer max = getEntityManager()
                .createQuery(
                        "select max(e.attempt) from Evaluation e where e.nodeId = ?1 and e.holdout = true",
                        Integer.class)
                .setParameter(1, nodeId)
                .getSingleResult();
        return max == null ? 0 : max;
    }
}
