package dev.clade.orchestrator.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clade.agents.coder.AgentDefinition;
import dev.clade.agents.coder.AgentException;
import dev.clade.agents.coder.AgentFolder;
import dev.clade.agents.ensemble.ModelBandit;
import dev.clade.agents.llm.ModelSettings;
import dev.clade.agents.llm.ModelSettingsReader;
import dev.clade.agents.llm.Price;
import dev.clade.agents.llm.Prices;
import dev.clade.agents.llm.Provider;
import dev.clade.orchestrator.campaign.CampaignSpec.Budget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/** The {@code proposer} field of a spec: its kind, agent folder and model, with the model's key and price checked. */
final class ProposerReader {

    private ProposerReader() {}

    static ProposerSpec read(Fields f, ObjectNode node, Path baseDir, boolean checkHost) {
        f.onlyKnown(
                node,
                "proposer",
                Set.of(
                        "kind",
                        "agent",
                        "model",
                        "models",
                        "selection",
                        "price",
                        "literals",
                        "novelty",
                        "recommendEvery"));
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
        model.filter(m -> checkHost && !kind.equals("offline")).ifPresent(m -> checkKey(f, "proposer.model", m));
        boolean literals = f.bool(node, "proposer", "literals").orElse(false);
        if (literals && !kind.equals("offline")) {
            f.problem("proposer.literals", "applies to kind offline only: a model edits code as it sees fit");
        }
        List<ProposerSpec.Member> members = members(f, node, kind, checkHost);
        ModelBandit.Selection selection = selection(f, node, members);
        return ProposerSpec.of(
                kind,
                agentDir.map(d -> baseDir.resolve(d).normalize().toString()),
                model,
                literals,
                members,
                selection);
    }

    /** {@code proposer.models}: an ensemble of two or more models, each named once, with weights above 0. */
    private static List<ProposerSpec.Member> members(Fields f, ObjectNode node, String kind, boolean checkHost) {
        JsonNode given = node.get("models");
        if (given == null || given.isNull()) {
            return List.of();
        }
        if (!kind.equals("llm")) {
            f.problem("proposer.models", "applies to kind llm only");
            return List.of();
        }
        if (node.has("model") || node.has("price")) {
            f.problem(
                    "proposer.models", "give proposer.model or proposer.models, not both (a member has its own price)");
        }
        if (!given.isArray() || given.size() < 2) {
            f.problem(
                    "proposer.models",
                    "expected a list of two or more {model, weight, price} (one model: use proposer.model), got "
                            + Fields.describe(given));
            return List.of();
        }
        List<ProposerSpec.Member> members = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String at = "proposer.models[" + i + "]";
            JsonNode item = given.get(i);
            if (!item.isObject()) {
                f.problem(at, "expected {model, weight, price}, got " + Fields.describe(item));
                continue;
            }
            f.onlyKnown(item, at, Set.of("model", "weight", "price"));
            if (!item.has("model")) {
                f.problem(at + ".model", "required: provider:model or {provider, name, baseUrl, ...}");
                continue;
            }
            Optional<ModelSettings> model = ModelSettingsReader.read(item.get("model"), at + ".model", f::problem);
            Optional<Price> price = ModelSettingsReader.price(item.get("price"), at + ".price", f::problem);
            OptionalDouble weight = f.number(item, at, "weight");
            if (weight.isPresent() && !(weight.getAsDouble() > 0)) {
                f.problem(at + ".weight", weight.getAsDouble() + " is not allowed; use a number above 0");
                continue;
            }
            if (model.isEmpty()) {
                continue;
            }
            ModelSettings m = price.map(p -> model.get().withPrice(p)).orElse(model.get());
            if (!labels.add(m.label())) {
                f.problem(at + ".model", m.label() + " is listed twice; each model of an ensemble is one arm");
                continue;
            }
            if (checkHost) {
                checkKey(f, at + ".model", m);
            }
            members.add(new ProposerSpec.Member(m, weight.orElse(1)));
        }
        return members.size() == given.size() ? members : List.of();
    }

    private static ModelBandit.Selection selection(Fields f, ObjectNode node, List<ProposerSpec.Member> members) {
        Optional<String> text = f.text(node, "proposer", "selection", false);
        if (text.isEmpty()) {
            return ModelBandit.Selection.WEIGHTED;
        }
        Optional<ModelBandit.Selection> selection = java.util.Arrays.stream(ModelBandit.Selection.values())
                .filter(s -> s.spelling().equals(text.get()))
                .findFirst();
        if (selection.isEmpty()) {
            f.problem("proposer.selection", "'" + text.get() + "' is not allowed; use weighted or ucb");
            return ModelBandit.Selection.WEIGHTED;
        }
        if (!node.has("models")) {
            f.problem("proposer.selection", "applies to an ensemble (proposer.models) only");
        }
        if (selection.get() == ModelBandit.Selection.UCB) {
            members.stream()
                    .filter(m -> Prices.of(m.model()).isEmpty())
                    .forEach(m -> f.problem(
                            "proposer.models",
                            "selection ucb weighs models by their dollars, and Clade does not know the price of "
                                    + m.model().label() + ": give that member a price {input, output} (USD per"
                                    + " million tokens)"));
        }
        return selection.get();
    }

    /** A key that is needed must be in the environment before anything runs; its value is never read here. */
    private static void checkKey(Fields f, String field, ModelSettings m) {
        boolean keyless = m.provider() == Provider.OLLAMA
                || (m.provider() == Provider.OPENAI
                        && m.baseUrl().isPresent()
                        && m.apiKeyEnv().isEmpty());
        String variable = m.keyVariable().orElse("");
        String value = variable.isEmpty() ? null : System.getenv(variable);
        if (!keyless && (value == null || value.isBlank())) {
            f.problem(
                    field,
                    m.label() + " needs a key: set the environment variable " + variable
                            + " (it is never stored, logged or passed to evaluators)");
        }
    }

    static void checkPrice(Fields f, ProposerSpec proposer, Budget budget) {
        if (budget.costUsd().isPresent() && proposer instanceof ProposerSpec.Llm llm && llm.ensemble()) {
            llm.models().stream()
                    .map(ProposerSpec.Member::model)
                    .filter(m -> Prices.of(m).isEmpty())
                    .forEach(m -> f.problem(
                            "proposer.models",
                            "budget.costUsd needs the price of " + m.label() + ", which Clade does not know: give"
                                    + " that member a price {input, output} (USD per million tokens)"));
            return;
        }
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
