package dev.clade.orchestrator.campaign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clade.agents.coder.AgentDefinition;
import dev.clade.agents.coder.AgentException;
import dev.clade.agents.coder.AgentFolder;
import dev.clade.agents.llm.ModelSettings;
import dev.clade.agents.llm.ModelSettingsReader;
import dev.clade.agents.llm.Price;
import dev.clade.agents.llm.Prices;
import dev.clade.agents.llm.Provider;
import dev.clade.orchestrator.campaign.CampaignSpec.Budget;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** The {@code proposer} field of a spec: its kind, agent folder and model, with the model's key and price checked. */
final class ProposerReader {

    private ProposerReader() {}

    static ProposerSpec read(Fields f, ObjectNode node, Path baseDir, boolean checkHost) {
        f.onlyKnown(node, "proposer", Set.of("kind", "agent", "model", "price", "literals"));
        String kind = f.text(node, "proposer", "kind", false).orElse("offline");
        if (!ProposerSpec.KINDS.contains(kind)) {
            f.problem(
                    "proposer.kind",
                    "'" + kind + "' is not available in this version; allowed: "
                            + String.join(", ", ProposerSpec.KINDS));
        }
        Optional<AgentDefinition> loadedAgent = Optional.empty();
        Optional<String> agentDir = f.text(node, "proposer", "agent", false);
        if (agentDir.isPresent() && checkHost) {
            Path dir = baseDir.resolve(agentDir.get()).normalize();
            node.put("agent", dir.toString());
            try {
                loadedAgent = Optional.of(AgentFolder.load(dir));
            } catch (AgentException e) {
                f.problem("proposer.agent", e.getMessage());
            }
        }
        Optional<AgentDefinition> agent = loadedAgent;
        Optional<ModelSettings> model = ModelSettingsReader.read(node.get("model"), "proposer.model", f::problem);
        Optional<Price> price = ModelSettingsReader.price(node.get("price"), "proposer.price", f::problem);
        model = model.or(() -> agent.flatMap(AgentDefinition::model));
        if (price.isPresent()) {
            model = model.map(m -> m.withPrice(price.get()));
        }
        if (kind.equals("self") && node.has("agent")) {
            f.problem(
                    "proposer.agent", "not used by kind self: the parent agent (the node's checkout) is the proposer");
        }
        if (kind.equals("offline") && (node.has("agent") || node.has("model") || node.has("price"))) {
            f.problem("proposer", "agent, model and price apply to kind llm only; the offline proposer uses no model");
        }
        model.filter(m -> checkHost && !kind.equals("offline")).ifPresent(m -> checkKey(f, m));
        boolean literals = f.bool(node, "proposer", "literals").orElse(false);
        if (literals && !kind.equals("offline")) {
            f.problem("proposer.literals", "applies to kind offline only: a model edits code as it sees fit");
        }
        return ProposerSpec.of(
                kind, agentDir.map(d -> baseDir.resolve(d).normalize().toString()), model, literals);
    }

    /** A key that is needed must be in the environment before anything runs; its value is never read here. */
    private static void checkKey(Fields f, ModelSettings m) {
        boolean keyless = m.provider() == Provider.OLLAMA
                || (m.provider() == Provider.OPENAI
                        && m.baseUrl().isPresent()
                        && m.apiKeyEnv().isEmpty());
        String variable = m.keyVariable().orElse("");
        String value = variable.isEmpty() ? null : System.getenv(variable);
        if (!keyless && (value == null || value.isBlank())) {
            f.problem(
                    "proposer.model",
                    m.label() + " needs a key: set the environment variable " + variable
                            + " (it is never stored, logged or passed to evaluators)");
        }
    }

    static void checkPrice(Fields f, ProposerSpec proposer, Budget budget) {
        if (budget.costUsd().isPresent() && proposer.usesModel()) {
            proposer.model()
                    .filter(m -> Prices.of(m).isEmpty())
                    .ifPresent(m -> f.problem(
                            "proposer.price",
                            "budget.costUsd needs the price of " + m.label() + ", which Clade does not know: set"
                                    + " proposer.price {input: <USD per million input tokens>, output: <USD per"
                                    + " million output tokens>}"));
        }
    }
}
