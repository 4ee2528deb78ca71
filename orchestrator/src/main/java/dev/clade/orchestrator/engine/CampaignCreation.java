package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.archive.ArchiveService;
import dev.clade.orchestrator.campaign.Campaign;
import dev.clade.orchestrator.campaign.CampaignService;
import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.config.CladeConfig;
import dev.clade.orchestrator.events.ProgressListener;
import dev.clade.orchestrator.experiment.ExperimentRepository;
import dev.clade.orchestrator.experiment.ExperimentStore;
import dev.clade.orchestrator.experiment.ImportLimits;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Creates a campaign: checks that its target may be read ({@link TargetPolicy}), imports it into its experiment
 * repository (outside any transaction: a fetch may take minutes), then stores the campaign and the root of its
 * archive, the target as imported and not yet evaluated, in one transaction.
 */
@ApplicationScoped
class CampaignCreation {

    private final CampaignService campaigns;
    private final ArchiveService archive;
    private final ExperimentStore store;
    private final TargetPolicy policy;
    private final ImportLimits limits;

    CampaignCreation(
            CampaignService campaigns,
            ArchiveService archive,
            ExperimentStore store,
            TargetPolicy policy,
            CladeConfig config) {
        this.campaigns = campaigns;
        this.archive = archive;
        this.store = store;
        this.policy = policy;
        this.limits = new ImportLimits(
                config.importing().maxFiles(), config.importing().maxBytes());
    }

    /** Imports the target and stores a new campaign (state RUNNING) without running it. */
    Campaign create(SpecReader.Loaded loaded, ProgressListener listener) {
        CampaignSpec.Target target = loaded.spec().target();
        policy.checkTarget(loaded.spec(), loaded.spec().name());
        ExperimentRepository repo = store.forSource(target.repo());
        ObjectId base = importInto(repo, target, listener);
        return QuarkusTransaction.requiringNew().call(() -> {
            Campaign c = campaigns.create(loaded, repo.directory(), base.name());
            archive.addRoot(c.id, base.name());
            return c;
        });
    }

    /**
     * Stores a new campaign sent over the API and leaves its import to its first run ({@link #ensureImported}), so
     * that the request answers at once: what can be checked at once is (the target policy, a plain folder's size).
     */
    Campaign register(SpecReader.Loaded loaded) {
        CampaignSpec.Target target = loaded.spec().target();
        policy.checkTarget(loaded.spec(), loaded.spec().name());
        store.checkImportable(target.repo(), target.ref(), limits);
        ExperimentRepository repo = store.forSource(target.repo());
        return QuarkusTransaction.requiringNew().call(() -> campaigns.create(loaded, repo.directory(), ""));
    }

    /**
     * Imports the target of a campaign stored before its import, and adds the root of its archive; the campaign as
     * stored afterwards. Two runs that race import twice (the same commit) and add one root.
     */
    Campaign ensureImported(Campaign campaign, ProgressListener listener) {
        if (campaign.imported()) {
            return campaign;
        }
        CampaignSpec.Target target = CampaignService.spec(campaign).spec().target();
        listener.note("importing " + target.repo());
        ObjectId base = importInto(store.open(java.nio.file.Path.of(campaign.repoDir)), target, listener);
        QuarkusTransaction.requiringNew().run(() -> {
            if (campaigns.imported(campaign.id, base.name())) {
                archive.addRoot(campaign.id, base.name());
            }
        });
        return campaigns.get(campaign.id);
    }

    private ObjectId importInto(ExperimentRepository repo, CampaignSpec.Target target, ProgressListener listener) {
        ObjectId base = repo.importTarget(target.repo(), target.ref(), limits);
        listener.note("imported " + target.repo() + " at " + base.abbreviate(10).name() + " into " + repo.directory());
        return base;
    }
}
