package dev.clade.orchestrator.cost;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One model call of a proposer (table {@code llm_call}): tokens and dollars, never the prompt or the key. */
@Entity
@Table(name = "llm_call")
public class LlmCallRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "campaign_id")
    public long campaignId;

    @Column(name = "node_number")
    public long nodeNumber;

    public String model;

    @Column(name = "input_tokens")
    public long inputTokens;

    @Column(name = "output_tokens")
    public long outputTokens;

    @Column(name = "cost_usd")
    public double costUsd;

    @Column(name = "created_at")
    public Instant createdAt;
}
