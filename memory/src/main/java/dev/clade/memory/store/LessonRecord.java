package dev.clade.memory.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of table {@code lesson}. */
@Entity
@Table(name = "lesson")
public class LessonRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Null for a global lesson. */
    public String campaign;

    public String kind;

    public String trigger;

    public String lesson;

    @Column(name = "suggested_fix")
    public String suggestedFix;

    @Column(name = "outcome_sign")
    public int outcomeSign;

    public double confidence;

    @Column(name = "times_used")
    public int timesUsed;

    @Column(name = "times_helpful")
    public int timesHelpful;

    /** JSON list of {campaign, node, commit}. */
    public String evidence;

    public String model;

    /** Sentence embedding of trigger, lesson and fix; null when none could be computed. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public float[] embedding;

    @Column(name = "limit_file")
    public String limitFile;

    @Column(name = "limit_name")
    public String limitName;

    @Column(name = "limit_below")
    public Boolean limitBelow;

    @Column(name = "limit_value")
    public Double limitValue;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
