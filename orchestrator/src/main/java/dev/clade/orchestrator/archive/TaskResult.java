package dev.clade.orchestrator.archive;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The evaluation of one node on one task: the cascade of search stages run with {@code $CLADE_TASK}. A row in state
 * RUNNING was started and not finished; a restart runs it again as the next attempt.
 */
@Entity
@Table(name = "task_result")
public class TaskResult extends PanacheEntityBase {

    public static final String RUNNING = "RUNNING";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "node_id")
    public long nodeId;

    public String task;

    public int attempt;

    /** RUNNING, then SCORED, GATED or FAILED. */
    public String state;

    public Double score;

    /** In [0, 1]; 0 for a failed or gated task. Null while running. */
    public Double utility;

    public String reason;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public boolean finished() {
        return !RUNNING.equals(state);
    }

    /** The first attempt of a node on a task, just started. */
    static TaskResult running(long nodeId, String task) {
        TaskResult r = new TaskResult();
        r.nodeId = nodeId;
        r.task = task;
        r.attempt = EvaluationRecords.FIRST_ATTEMPT;
        r.state = RUNNING;
        r.createdAt = java.time.Instant.now();
        return r;
    }
}
