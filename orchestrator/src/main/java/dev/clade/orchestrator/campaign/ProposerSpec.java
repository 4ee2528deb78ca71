package dev.clade.orchestrator.campaign;

import dev.clade.agents.ensemble.ModelBandit;
import dev.clade.agents.llm.ModelSettings;
import java.util.List;
import java.util.Optional;

/**
 * Which proposer makes the changes: {@code offline} (no model), {@code llm} (a coding agent), or {@code self} (the
 * parent agent improves itself; see {@code evaluator.agentBenchmark}).
 */
public sealed interface ProposerSpec permits ProposerSpec.Offline, ProposerSpec.Llm, ProposerSpec.Self {

    /** The kinds a spec may name. */
    List<String> KINDS = List.of("offline", "llm", "self");

    /**
     * The model-free mutator.
     *
     * @param literals whether the numbers of every editable file are its parameters ({@code proposer.literals}), not
     *     only those of {@code clade:params} blocks and evolve blocks
     */
    record Offline(boolean literals) implements ProposerSpec {
        public Offline() {
            this(false);
        }
    }

    /**
     * The coding agent.
     *
     * @param agent absolute path of the agent folder ({@code agent.yaml} and prompts); empty means the promoted or
     *     the built-in agent
     * @param model the model, with its price when the spec states one; empty means the agent's, else the
     *     application's ({@code clade.llm.model})
     */
    record Llm(
            Optional<String> agent, Optional<ModelSettings> model, List<Member> models, ModelBandit.Selection selection)
            implements ProposerSpec {

        public Llm {
            models = List.copyOf(models);
        }

        /** One model, no ensemble. */
        public Llm(Optional<String> agent, Optional<ModelSettings> model) {
            this(agent, model, List.of(), ModelBandit.Selection.WEIGHTED);
        }

        /** Whether proposals draw their model from an ensemble ({@code proposer.models}). */
        public boolean ensemble() {
            return !models.isEmpty();
        }
    }

    /** One model of an ensemble ({@code proposer.models}) and its weight for {@code selection: weighted}. */
    record Member(ModelSettings model, double weight) {}

    /** The parent agent (the node's checkout) improves itself with {@code model}. */
    record Self(Optional<ModelSettings> model) implements ProposerSpec {}

    static ProposerSpec offline() {
        return new Offline();
    }

    /** The proposer of {@code kind} (offline for an unknown kind, which the spec reader has refused already). */
    static ProposerSpec of(String kind, Optional<String> agent, Optional<ModelSettings> model) {
        return of(kind, agent, model, false);
    }

    static ProposerSpec of(String kind, Optional<String> agent, Optional<ModelSettings> model, boolean literals) {
        return of(kind, agent, model, literals, List.of(), ModelBandit.Selection.WEIGHTED);
    }

    static ProposerSpec of(
            String kind,
            Optional<String> agent,
            Optional<ModelSettings> model,
            boolean literals,
            List<Member> models,
            ModelBandit.Selection selection) {
        return switch (kind) {
            case "llm" ->
                new Llm(
                        agent,
                        models.isEmpty() ? model : Optional.of(models.getFirst().model()),
                        models,
                        selection);
            case "self" -> new Self(model);
            default -> new Offline(literals);
        };
    }

    /** Name used in specs and reports. */
    default String kind() {
        return switch (this) {
            case Offline o -> "offline";
            case Llm l -> "llm";
            case Self s -> "self";
        };
    }

    /** The agent folder an llm proposer names ({@link Llm}'s component); empty for the others. */
    default Optional<String> agent() {
        return Optional.empty();
    }

    /**
     * The model the spec names ({@link Llm}'s and {@link Self}'s component; an ensemble's first model); empty for the
     * offline proposer.
     */
    default Optional<ModelSettings> model() {
        return Optional.empty();
    }

    /** Whether the proposer calls a model (and so counts tokens and dollars). */
    default boolean usesModel() {
        return !(this instanceof Offline);
    }
}
