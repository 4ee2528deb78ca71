package dev.clade.orchestrator.engine;

import dev.clade.agents.ensemble.ModelBandit;
import dev.clade.agents.proposer.Proposal;
import dev.clade.agents.proposer.ProposalRequest;
import dev.clade.agents.proposer.Proposer;
import dev.clade.orchestrator.campaign.ProposerSpec;
import dev.clade.orchestrator.cost.CostService;
import dev.clade.orchestrator.strategy.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The proposer of {@code proposer.models}: for each proposal it asks {@link ModelBandit} which member to call, from
 * the members' proposals, rewards and dollars as the archive and the calls say now ({@link ModelUsage}), and lets that
 * member's coding agent propose. Like a strategy it keeps no state of its own, so a resumed campaign's choices continue
 * from what its archive holds; a weighted draw is seeded by the campaign's seed and the node's number.
 */
final class ModelEnsemble implements Proposer {

    private static final Logger LOG = Logger.getLogger(ModelEnsemble.class);

    private final List<ProposerSpec.Member> members;
    private final List<Proposer> agents;
    private final ModelBandit.Selection selection;
    private final long campaignId;
    private final long seed;
    private final Direction direction;
    private final ArchiveReader archive;
    private final CostService costs;
    private final List<String> labels;
    /** Proposals in flight in this run, per member. */
    private final int[] pending;

    /** Reads a campaign's nodes (the archive in memory while it runs). */
    interface ArchiveReader {
        List<dev.clade.orchestrator.archive.NodeInfo> all(long campaignId);
    }

    ModelEnsemble(
            ProposerSpec.Llm spec,
            Function<ProposerSpec.Member, Proposer> agent,
            long campaignId,
            long seed,
            Direction direction,
            ArchiveReader archive,
            CostService costs) {
        this.members = spec.models();
        this.agents = new ArrayList<>(members.stream().map(agent).toList());
        this.selection = spec.selection();
        this.campaignId = campaignId;
        this.seed = seed;
        this.direction = direction;
        this.archive = archive;
        this.costs = costs;
        this.pending = new int[members.size()];
        this.labels = ModelUsage.members(spec);
    }

    @Override
    public String name() {
        return "llm ensemble (" + selection.spelling() + ": "
                + members.stream().map(m -> m.model().label()).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public Proposal propose(ProposalRequest request) {
        int chosen;
        synchronized (pending) { // choose and count the pull in one step: concurrent proposals see each other
            chosen = ModelBandit.choose(
                    arms(), selection, new SplittableRandom(Seeds.mix(seed ^ 0x2545F4914F6CDD1DL, request.node())));
            pending[chosen]++;
        }
        LOG.debugf(
                "campaign %s node %d: model %s (%s)",
                request.campaign(), request.node(), members.get(chosen).model().label(), selection.spelling());
        try {
            return agents.get(chosen).propose(request);
        } finally {
            synchronized (pending) {
                pending[chosen]--;
            }
        }
    }

    /**
     * The members as the bandit sees them now: a proposal in flight in this run counts as a pull that earned nothing
     * yet, so that parallel workers do not all draw the model with the highest index.
     */
    List<ModelBandit.Arm> arms() {
        Map<String, ModelUsage> usage =
                ModelUsage.of(labels, archive.all(campaignId), costs.byNodeAndModel(campaignId), direction).stream()
                        .collect(Collectors.toMap(ModelUsage::model, Function.identity()));
        List<ModelBandit.Arm> arms = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            ModelBandit.Arm a = usage.get(labels.get(i)).arm(members.get(i).weight());
            arms.add(
                    new ModelBandit.Arm(a.label(), a.weight(), a.proposals() + pending[i], a.rewardSum(), a.dollars()));
        }
        return arms;
    }
}
