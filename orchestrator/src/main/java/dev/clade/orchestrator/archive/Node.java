package dev.clade.orchestrator.archive;

import dev.clade.agents.proposer.Operator;
import dev.clade.orchestrator.strategy.NodeState;
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
import java.util.OptionalDouble;

/** One node of a campaign's archive: an experiment, or the root (node 0, the target as imported). */
@Entity
@Table(name = "node")
public class Node extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "campaign_id")
    public long campaignId;

    public long number;

    /** Null for the root. */
    @Column(name = "parent_number")
    public Long parentNumber;

    @Enumerated(EnumType.STRING)
    public Operator operator;

    @Enumerated(EnumType.STRING)
    public NodeState state;

    public String branch;

    @Column(name = "commit_id")
    public String commitId;

    public String idea;

    /** What the proposer stored with the node, as a JSON object of strings. */
    public String meta;

    public Double score;

    /** Why the node failed, was gated or is invalid. */
    public String reason;

    /** The evaluator's feedback on the last search stage that ran (never from a holdout stage). */
    public String feedback;

    /** Finished task evaluations. */
    public int evaluations;

    /** Sum of the utilities of those evaluations. */
    @Column(name = "utility_sum")
    public double utilitySum;

    public int attempts;

    /** The island it joined (strategy islands); null on other strategies and for the root. */
    public Integer island;

    /** Its evaluator metrics (means over its scored tasks) and built-in traits, as a JSON object of numbers. */
    public String traits;

    /** The sentence embedding of the code its lineage changed (novelty); null when the campaign does not use it. */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.ARRAY)
    @Column(name = "code_embedding")
    public float[] codeEmbedding;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** Node 0 of a campaign: the target as imported, committed but not evaluated. */
    static Node root(long campaignId, String baseCommit) {
        Node root = fresh(campaignId, 0, Operator.ROOT, NodeState.COMMITTED);
        root.commitId = baseCommit;
        root.idea = "baseline: the target as imported";
        return root;
    }

    /** A node just reserved: the proposer is about to work on it. */
    static Node child(long campaignId, long number, long parent, Operator operator, int island) {
        Node node = fresh(campaignId, number, operator, NodeState.PROPOSING);
        node.parentNumber = parent;
        node.island = island < 0 ? null : island;
        return node;
    }

    private static Node fresh(long campaignId, long number, Operator operator, NodeState state) {
        Node node = new Node();
        node.campaignId = campaignId;
        node.number = number;
        node.operator = operator;
        node.state = state;
        node.meta = "{}";
        node.traits = "{}";
        node.createdAt = Instant.now();
        node.updatedAt = node.createdAt;
        return node;
    }

    public OptionalDouble scoreValue() {
        return score == null ? OptionalDouble.empty() : OptionalDouble.of(score);
    }

    /** Moves to {@code next}, refusing moves the node's life does not allow. */
    public void moveTo(NodeState next) {
        state = state.checkMoveTo(next);
        updatedAt = Instant.now();
        if (next.finished()) {
            finishedAt = updatedAt;
        }
    }

    /** Starts an evaluation of the node on all its tasks; returns its attempt number (1 for the first). */
    int startEvaluating() {
        moveTo(NodeState.EVALUATING);
        return ++attempts;
    }
}
