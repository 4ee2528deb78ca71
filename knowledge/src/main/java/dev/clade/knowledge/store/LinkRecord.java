package dev.clade.knowledge.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A row of table {@code knowledge_link}: page {@code fromPage} points to page {@code toPage}. */
@Entity
@Table(name = "knowledge_link")
@IdClass(LinkRecord.Key.class)
public class LinkRecord {

    @Id
    @Column(name = "from_page")
    public long fromPage;

    @Id
    @Column(name = "to_page")
    public long toPage;

    /** The composite key. */
    public static class Key implements Serializable {
        public long fromPage;
        public long toPage;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.fromPage == fromPage && k.toPage == toPage;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(fromPage) * 31 + Long.hashCode(toPage);
        }
    }
}
