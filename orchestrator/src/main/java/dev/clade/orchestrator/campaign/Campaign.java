package dev.clade.orchestrator.campaign;

import dev.clade.orchestrator.strategy.Direction;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A campaign row: its spec, where its experiments live, and how far its budget has gone. */
@Entity
@Table(name = "campaign")
public class Campaign extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    /** The validated spec document as JSON; read back with {@link SpecReader#parse}. */
    public String spec;

    public String fingerprint;

    /** The spec's {@code strategy.kind}, {@code proposer.kind}, direction and experiment budget, for lists. */
    @Column(name = "strategy_kind")
    public String strategyKind;

    @Column(name = "proposer_kind")
    public String proposerKind;

    @Enumerated(EnumType.STRING)
    public Direction direction;

    @Column(name = "budget_experiments")
    public int budgetExperiments;

    @Enumerated(EnumType.STRING)
    public CampaignState state;

    @Column(name = "repo_dir")
    public String repoDir;

    @Column(name = "base_commit")
    public String baseCommit;

    @Column(name = "next_node")
    public long nextNode;

    @Column(name = "active_millis")
    public long activeMillis;

    @Column(name = "stop_reason")
    public String stopReason;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** Running again: no longer stopped nor finished. */
    void runAgain() {
        state = CampaignState.RUNNING;
        stopReason = null;
        finishedAt = null;
    }

    /** Ended (or stopped) in {@code state} now, for {@code reason}; the twin of {@link #runAgain}. */
    void end(CampaignState state, String reason) {
        this.state = state;
        stopReason = reason;
        finishedAt = Instant.now();
        updatedAt = finishedAt;
    }

    /** Copies what lists show of the spec into their columns. */
    void describe(CampaignSpec spec) {
        strategyKind = spec.strategy().kind();
        proposerKind = spec.proposer().kind();
        direction = spec.evaluator().direction();
        budgetExperiments = spec.budget().experiments();
    }

    /** A campaign sent over the API is stored first and imported when it first runs; until then it has no commit. */
    public boolean imported() {
        return baseCommit != null && !baseCommit.isEmpty();
    }

    /** Experiments reserved so far (the root is not one). */
    public long experimentsStarted() {
        return nextNode - 1;
    }
}
