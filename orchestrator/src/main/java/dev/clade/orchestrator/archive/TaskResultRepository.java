package dev.clade.orchestrator.archive;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class TaskResultRepository implements PanacheRepository<TaskResult> {

    public List<TaskResult> ofCampaign(long campaignId) {
        return list("nodeId in (select n.id from Node n where n.campaignId = ?1)", campaignId);
    }

    public List<TaskResult> ofNode(long nodeId) {
        return list("nodeId = ?1 order by id", nodeId);
    }

    public Optional<TaskResult> of(long nodeId, String task) {
        return find("nodeId = ?1 and task = ?2", nodeId, task).firstResultOptional();
    }

    /** A new result of a node on a task, running its first attempt. */
    public TaskResult start(long nodeId, String task) {
        TaskResult r = TaskResult.running(nodeId, task);
        persist(r);
        return r;
    }

    public long countOfCampaign(long campaignId) {
        return count("nodeId in (select n.id from Node n where n.campaignId = ?1)", campaignId);
    }

    /** Task evaluations a crash left running, oldest first. */
    public List<TaskResult> running(long campaignId) {
        return list(
                "state = ?2 and nodeId in (select n.id from Node n where n.campaignId = ?1) order by id",
                campaignId,
                TaskResult.RUNNING);
    }
}
