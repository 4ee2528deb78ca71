package dev.clade.orchestrator.engine;

import dev.clade.agents.coder.AgentDefinition;
import dev.clade.agents.coder.AgentFolder;
import dev.clade.agents.coder.CodingAgent;
import dev.clade.agents.coder.SelfImprover;
import dev.clade.agents.distill.ModelDistiller;
import dev.clade.agents.distill.Recommender;
import dev.clade.agents.llm.ChatModels;
import dev.clade.agents.llm.CostLedger;
import dev.clade.agents.llm.ModelException;
import dev.clade.agents.llm.ModelSettings;
import dev.clade.agents.llm.ModelSettingsReader;
import dev.clade.agents.llm.ReliableChat;
import dev.clade.agents.offline.OfflineProposer;
import dev.clade.agents.proposer.Proposer;
import dev.clade.orchestrator.archive.ArchiveService;
import dev.clade.orchestrator.campaign.Backend;
import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.campaign.ProposerSpec;
import dev.clade.orchestrator.config.CladeConfig;
import dev.clade.orchestrator.cost.CostService;
import dev.clade.sandbox.Isolation;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds a campaign's proposer. For {@code llm}: the agent folder (or the built-in agent), the model — the spec's,
 * else the agent's, else {@code clade.llm.model} — with its key from the environment, a ledger in PostgreSQL, and the
 * local sandbox for the agent's commands, with Clade's data directory and the host's home hidden.
 */
@ApplicationScoped
public class Proposers {

    private final CladeConfig config;
    private final CostService costs;
    private final Backends backends;

    private final ArchiveService archive;

    public Proposers(CladeConfig config, CostService costs, Backends backends, ArchiveService archive) {
        this.config = config;
        this.costs = costs;
        this.backends = backends;
        this.archive = archive;
    }

    /** The campaign's proposer, its model calls counted in the campaign's ledger. */
    Proposer proposer(CampaignSpec spec, long campaignId) {
        return switch (spec.proposer()) {
            case ProposerSpec.Offline o -> new OfflineProposer(o.literals());
            case ProposerSpec.Llm l when l.ensemble() -> ensemble(spec, l, campaignId);
            case ProposerSpec.Llm l -> codingAgent(spec, campaignId);
            case ProposerSpec.Self s ->
                new SelfImprover(
                        chat(s.model().orElseThrow()),
                        ledger(spec, campaignId),
                        backends.forName(Backend.LOCAL),
                        isolation(config));
        };
    }

    /** The ledger of the campaign's model calls, with its dollar budget. */
    CostLedger ledger(CampaignSpec spec, long campaignId) {
        return costs.ledger(campaignId, spec.budget().costUsd());
    }

    private CodingAgent codingAgent(CampaignSpec spec, long campaignId) {
        AgentDefinition agent = agent(spec);
        return codingAgent(spec, campaignId, agent, model(spec, agent, config));
    }

    private CodingAgent codingAgent(CampaignSpec spec, long campaignId, AgentDefinition agent, ModelSettings model) {
        return new CodingAgent(
                agent, chat(model), ledger(spec, campaignId), backends.forName(Backend.LOCAL), isolation(config));
    }

    /** {@code proposer.models}: one coding agent per member, the model of each proposal chosen by the bandit. */
    private ModelEnsemble ensemble(CampaignSpec spec, ProposerSpec.Llm llm, long campaignId) {
        AgentDefinition agent = agent(spec);
        return new ModelEnsemble(
                llm,
                member -> codingAgent(spec, campaignId, agent, member.model()),
                campaignId,
                spec.seed(),
                spec.evaluator().direction(),
                archive::all,
                costs);
    }

    private AgentDefinition agent(CampaignSpec spec) {
        return spec.proposer()
                .agent()
                .map(a -> AgentFolder.load(Path.of(a)))
                .or(() -> promoted(config))
                .orElseGet(AgentFolder::builtIn);
    }

    /**
     * The benchmark runner of a self-improvement campaign: each candidate agent runs with the campaign's model, its
     * calls counted in the campaign's ledger.
     */
    Optional<AgentBenchmark> benchmark(CampaignSpec spec, long campaignId) {
        if (spec.evaluator().agentBenchmark().isEmpty()) {
            return Optional.empty();
        }
        ReliableChat chat = chat(spec.proposer()
                .model()
                .orElseThrow(() -> new ModelException("evaluator.agentBenchmark needs proposer.model")));
        return Optional.of(new AgentBenchmark(
                Path.of(spec.evaluator().agentBenchmark().get()),
                agent -> new CodingAgent(
                        agent, chat, ledger(spec, campaignId), backends.forName(Backend.LOCAL), isolation(config))));
    }

    /**
     * The model that writes lessons from each node ({@code memory.distiller: llm}): the proposer's, its calls counted in
     * the campaign's ledger.
     */
    Optional<ModelDistiller> distiller(CampaignSpec spec, long campaignId) {
        if (!spec.memory().enabled() || !spec.memory().modelDistiller()) {
            return Optional.empty();
        }
        ModelSettings model = spec.proposer() instanceof ProposerSpec.Self
                ? spec.proposer().model().orElseThrow()
                : model(
                        spec,
                        spec.proposer()
                                .agent()
                                .map(a -> AgentFolder.load(Path.of(a)))
                                .or(() -> promoted(config))
                                .orElseGet(AgentFolder::builtIn),
                        config);
        return Optional.of(new ModelDistiller(chat(model), ledger(spec, campaignId)));
    }

    /**
     * The model that writes a campaign's periodic recommendations ({@code proposer.recommendEvery}): the proposer's, its
     * calls counted in the campaign's ledger; empty when the campaign writes none.
     */
    Optional<Recommender> recommender(CampaignSpec spec, long campaignId) {
        if (spec.recommendEvery() <= 0 || !spec.proposer().usesModel()) {
            return Optional.empty();
        }
        ModelSettings model = spec.proposer() instanceof ProposerSpec.Self
                ? spec.proposer().model().orElseThrow()
                : model(spec, agent(spec), config);
        return Optional.of(new Recommender(chat(model), ledger(spec, campaignId)));
    }

    /** The agent promoted with {@code clade agent promote}, which proposers of campaigns naming none use. */
    static Optional<AgentDefinition> promoted(CladeConfig config) {
        Path dir = promotedDir(config);
        return java.nio.file.Files.isRegularFile(dir.resolve(AgentFolder.FILE))
                ? Optional.of(AgentFolder.load(dir))
                : Optional.empty();
    }

    static Path promotedDir(CladeConfig config) {
        return config.home().resolve("agents").resolve("default");
    }

    private static ReliableChat chat(ModelSettings model) {
        return new ReliableChat(ChatModels.create(model, System.getenv()), model);
    }

    private static Isolation isolation(CladeConfig config) {
        return Isolation.defaults().withHidden(List.of(config.home(), Path.of(System.getProperty("user.home"))));
    }

    static ModelSettings model(CampaignSpec spec, AgentDefinition agent, CladeConfig config) {
        Optional<ModelSettings> chosen = spec.proposer().model().or(agent::model);
        if (chosen.isEmpty() && config.llm().model().isPresent()) {
            List<String> problems = new ArrayList<>();
            chosen = ModelSettingsReader.shorthand(
                    config.llm().model().get(), "clade.llm.model", (f, m) -> problems.add(f + ": " + m));
            if (!problems.isEmpty()) {
                throw new ModelException(String.join("; ", problems));
            }
            if (config.llm().baseUrl().isPresent()) {
                chosen = chosen.map(m -> m.withBaseUrl(config.llm().baseUrl().get()));
            }
        }
        return chosen.orElseThrow(() -> new ModelException("campaign " + spec.name() + " uses proposer llm but names no"
                + " model: set proposer.model (e.g. openai:gpt-4.1-mini) in the spec, model in agent.yaml, or"
                + " clade.llm.model"));
    }
}
