package dev.clade.orchestrator.archive;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One stage run of one evaluation attempt of a node, with where its logs are. */
@Entity
@Table(name = "evaluation")
public class Evaluation extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "node_id")
    public long nodeId;

    /** The task, or {@code *} for an evaluator without tasks. */
    public String task;

    public int attempt;

    @Column(name = "stage_index")
    public int stageIndex;

    public String stage;

    public boolean holdout;

    /** SCORED, FAILED, TIMED_OUT or INVALID. */
    public String outcome;

    public boolean passed;

    public Double score;

    public String metrics;

    public String feedback;

    public String reason;

    @Column(name = "exit_code")
    public Integer exitCode;

    @Column(name = "duration_millis")
    public long durationMillis;

    @Column(name = "stdout_log")
    public String stdoutLog;

    @Column(name = "stderr_log")
    public String stderrLog;

    @Column(name = "stdout_bytes")
    public long stdoutBytes;

    @Column(name = "stderr_bytes")
    public long stderrBytes;

    public boolean truncated;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
