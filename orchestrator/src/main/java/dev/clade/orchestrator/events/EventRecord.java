package dev.clade.orchestrator.events;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of table {@code event}. */
@Entity
@Table(name = "event")
public class EventRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "campaign_id")
    public long campaignId;

    public String kind;

    @Column(name = "node_number")
    public Long nodeNumber;

    public String data;

    @Column(name = "created_at")
    public Instant createdAt;
}
