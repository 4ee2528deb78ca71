package dev.clade.orchestrator.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Creating, resuming and closing campaigns. */
@ApplicationScoped
public class CampaignService {

    /** Fields a rerun may change without making it another campaign. */
    static final Set<String> MUTABLE = Set.of("budget", "parallelism");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final CampaignRepository campaigns;

    public CampaignService(CampaignRepository campaigns) {
        this.campaigns = campaigns;
    }

    @Transactional
    public Optional<Campaign> find(String name) {
        return campaigns.findByName(name);
    }

    /** The campaign a caller names; a {@link java.util.NoSuchElementException} naming it when none (404 over REST). */
    @Transactional
    public Campaign named(String name) {
        return find(name).orElseThrow(() -> new java.util.NoSuchElementException("no campaign named '" + name + "'"));
    }

    @Transactional
    public Campaign get(long id) {
        return campaigns.findByIdOptional(id).orElseThrow(() -> new IllegalStateException("no campaign " + id));
    }

    @Transactional
    public List<Campaign> list() {
        return campaigns.newestFirst();
    }

    /** The campaigns in state running, oldest first (whether or not a process runs them now). */
    @Transactional
    public List<Campaign> running() {
        return campaigns.list("state = ?1 order by id", CampaignState.RUNNING);
    }

    /** One page of the campaigns, newest first, read with {@code LIMIT} and {@code OFFSET}. */
    @Transactional
    public List<Campaign> page(int page, int size) {
        return campaigns.newestFirst(page, size);
    }

    @Transactional
    public long count() {
        return campaigns.count();
    }

    /** Stores a new campaign; its root node is the archive's (see {@code CampaignCreation}), in the same transaction. */
    @Transactional
    public Campaign create(SpecReader.Loaded loaded, Path repoDir, String baseCommit) {
        Campaign c = new Campaign();
        c.name = loaded.spec().name();
        c.spec = write(loaded.document());
        c.fingerprint = fingerprint(loaded.document());
        c.describe(loaded.spec());
        c.state = CampaignState.RUNNING;
        c.repoDir = repoDir.toString();
        c.baseCommit = baseCommit;
        c.nextNode = 1;
        c.createdAt = Instant.now();
        c.updatedAt = c.createdAt;
        campaigns.persist(c);
        return c;
    }

    /**
     * Takes a rerun's spec for an existing campaign: only budget and parallelism may differ. A changed budget reopens
     * a completed campaign.
     *
     * @throws SpecException naming the fields that changed otherwise
     */
    @Transactional
    public Campaign resume(Campaign stored, SpecReader.Loaded loaded) {
        Campaign c = campaigns.lock(stored.id);
        if (!c.fingerprint.equals(fingerprint(loaded.document()))) {
            throw SpecException.whole(
                    loaded.spec().name(),
                    "a campaign named '" + c.name
                            + "' already exists with a different spec (changed: "
                            + String.join(", ", changed(c, loaded.document()))
                            + "); only budget and parallelism may change on a rerun. Give the campaign another name to start anew.");
        }
        boolean budgetChanged = !canonical(read(c.spec).get("budget"))
                .equals(canonical(loaded.document().get("budget")));
        c.spec = write(loaded.document());
        c.describe(loaded.spec());
        // Running a paused campaign again is resuming it; a changed budget reopens a finished campaign (if it allows
        // nothing more, the run ends at once).
        if (c.state == CampaignState.PAUSED || (c.state != CampaignState.RUNNING && budgetChanged)) {
            c.runAgain();
        }
        c.updatedAt = Instant.now();
        return c;
    }

    /**
     * Records the commit a campaign stored before its import ({@link Campaign#imported()} false) was imported as;
     * false when another run did it first.
     */
    @Transactional
    public boolean imported(long campaignId, String baseCommit) {
        Campaign c = campaigns.lock(campaignId);
        if (c.imported()) {
            return false;
        }
        c.baseCommit = baseCommit;
        c.updatedAt = Instant.now();
        return true;
    }

    @Transactional
    public void addActiveTime(long campaignId, long millis) {
        Campaign c = campaigns.lock(campaignId);
        c.activeMillis += millis;
        c.updatedAt = Instant.now();
    }

    /**
     * Moves a paused campaign back to running.
     *
     * @throws IllegalStateException when it is not paused
     */
    @Transactional
    public Campaign reopen(long campaignId) {
        Campaign c = campaigns.lock(campaignId);
        if (c.state != CampaignState.PAUSED) {
            throw new IllegalStateException("campaign '" + c.name + "' is " + c.state.label() + ", not paused");
        }
        c.runAgain();
        c.updatedAt = Instant.now();
        return c;
    }

    /** Ends a running or paused campaign in {@code state}; one that ended meanwhile keeps it. Returns the one found. */
    @Transactional
    public CampaignState stop(long campaignId, CampaignState state, String reason) {
        Campaign c = campaigns.lock(campaignId);
        CampaignState found = c.state;
        if (found.open()) {
            c.end(state, reason);
        }
        return found;
    }

    @Transactional
    public void finish(long campaignId, CampaignState state, String reason) {
        campaigns.lock(campaignId).end(state, reason);
    }

    /** The spec stored with a campaign. */
    public static SpecReader.Loaded spec(Campaign c) {
        try {
            return SpecReader.stored(JSON.readTree(c.spec), "stored spec of campaign " + c.name);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored spec of campaign " + c.name + " is not JSON", e);
        }
    }

    static String fingerprint(ObjectNode document) {
        ObjectNode fixed = comparable(document);
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(write(fixed).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored spec is not JSON", e);
        }
    }

    /**
     * The document without what a rerun may change: budget, parallelism, and {@code evaluator.files} (so that a
     * campaign whose globs cover its evaluator can still name the evaluator's files and go on).
     */
    private static ObjectNode comparable(JsonNode document) {
        ObjectNode fixed = (ObjectNode) document.deepCopy();
        fixed.remove(MUTABLE);
        if (fixed.get("evaluator") instanceof ObjectNode evaluator) {
            evaluator.remove("files");
        }
        return fixed;
    }

    private static List<String> changed(Campaign c, ObjectNode current) {
        JsonNode before = comparable(read(c.spec));
        ObjectNode document = comparable(current);
        Set<String> fields = new TreeSet<>();
        before.fieldNames().forEachRemaining(fields::add);
        document.fieldNames().forEachRemaining(fields::add);
        List<String> changed = new ArrayList<>();
        for (String field : fields) {
            if (!MUTABLE.contains(field) && !canonical(before.get(field)).equals(canonical(document.get(field)))) {
                changed.add(field);
            }
        }
        return changed;
    }

    private static String canonical(JsonNode node) {
        return node == null ? "null" : write(node);
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(JSON.convertValue(node, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
