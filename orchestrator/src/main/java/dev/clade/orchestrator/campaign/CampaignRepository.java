package dev.clade.orchestrator.campaign;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class CampaignRepository implements PanacheRepository<Campaign> {

    public Optional<Campaign> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    /** Reads the row with {@code SELECT ... FOR UPDATE}: reservations of one campaign happen one at a time. */
    public Campaign lock(long id) {
        Campaign campaign = getEntityManager().find(Campaign.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (campaign == null) {
            throw new IllegalStateException("campaign " + id + " does not exist");
        }
        return campaign;
    }

    /**
     * How many campaigns there are, by a query whose SQL Hibernate keeps in its plan cache (Panache's own {@code
     * count()} translates its query anew on every call, which was most of what a list of campaigns cost).
     */
    @Override
    public long count() {
        return getEntityManager()
                .createQuery("select count(c) from Campaign c", Long.class)
                .getSingleResult();
    }

    public List<Campaign> newestFirst() {
        return list("order by createdAt desc");
    }

    public List<Campaign> newestFirst(int page, int size) {
        return find("order by createdAt desc, id desc").page(page, size).list();
    }
}
