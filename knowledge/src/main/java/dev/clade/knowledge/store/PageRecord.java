package dev.clade.knowledge.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of table {@code knowledge_page}. */
@Entity
@Table(name = "knowledge_page")
public class PageRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "source_id")
    public long sourceId;

    public String key;

    public String title;

    public String type;

    public String format;

    public String location;

    public String body;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public float[] embedding;
}
