package dev.clade.knowledge.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of table {@code knowledge_source}: one ingested folder, file or git repository. */
@Entity
@Table(name = "knowledge_source")
public class SourceRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String location;

    public int pages;

    /** JSON list of {path, reason}: what the last ingestion left out. */
    public String skipped;

    /** What the source looked like when ingested (see {@code Fingerprints}); null when unknown (a git URL). */
    public String fingerprint;

    @Column(name = "ingested_at")
    public Instant ingestedAt;
}
