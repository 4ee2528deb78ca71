package dev.clade.orchestrator.guidance;

import dev.clade.agents.distill.ModelDistiller;
import dev.clade.agents.proposer.Guidance;
import dev.clade.agents.proposer.NodeSummary;
import dev.clade.knowledge.search.KnowledgeHit;
import dev.clade.knowledge.search.KnowledgeSearch;
import dev.clade.memory.distill.Distiller;
import dev.clade.memory.distill.Lesson;
import dev.clade.memory.distill.LessonKind;
import dev.clade.memory.distill.ParameterLimit;
import dev.clade.memory.distill.Trace;
import dev.clade.memory.recall.LessonRecall;
import dev.clade.memory.recall.RecallScope;
import dev.clade.memory.recall.RecalledLesson;
import dev.clade.memory.store.LessonStore;
import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.metrics.CladeMetrics;
import dev.langchain4j.model.embedding.EmbeddingModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Memory and knowledge around each proposal (DESIGN.md, "The loop"): what a proposal is told before it starts, the
 * record of which lessons it was given, and after its node is evaluated, the lessons it teaches and the rating of the
 * lessons it used. A failure here is logged and the proposal goes on without guidance: memory helps a campaign, it
 * must never stop one.
 */
@ApplicationScoped
public class GuidanceService {

    private static final Logger LOG = Logger.getLogger(GuidanceService.class);

    /** Parameter bounds below this confidence (evidence that disagrees) are not enforced. */
    static final double LIMIT_CONFIDENCE = 0.5;

    /** Lessons a lookup tool answers with. */
    static final int LOOKUP_LESSONS = 8;

    /** Characters of the parent's logs that go into the recall query (the end, where errors are). */
    static final int QUERY_LOG_CHARS = 1_500;

    /** Knowledge pages a proposal is given, before the ones a workflow or an error bring in. */
    static final int KNOWLEDGE_PAGES = 4;

    /** Pages a lookup tool answers with. */
    static final int LOOKUP_PAGES = 5;

    /** Characters of a page a proposal sees; the agent can look up the rest. */
    static final int PAGE_CHARS = 2_000;

    private final LessonStore lessons;
    private final LessonRecall recall;
    private final KnowledgeSearch search;

    private final CladeMetrics metrics;
    private final EmbeddingModel embeddings;

    public GuidanceService(
            LessonStore lessons,
            LessonRecall recall,
            KnowledgeSearch search,
            CladeMetrics metrics,
            EmbeddingModel embeddings) {
        this.lessons = lessons;
        this.recall = recall;
        this.search = search;
        this.metrics = metrics;
        this.embeddings = embeddings;
    }

    /**
     * What the proposal of {@code node} is told: the lessons recalled for the goal and the parent's result, the
     * parameter bounds failures taught, and lookups; the lessons given are recorded as used by the node.
     */
    public Guidance forProposal(CampaignSpec spec, long node, NodeSummary parent, String parentLog) {
        String query = query(spec.goal(), parent, parentLog);
        List<RecalledLesson> given = spec.memory().enabled() ? lessons(spec, node, query) : List.of();
        metrics.lessonsRecalled(given.size());
        List<Guidance.PageExcerpt> pages = readsText(spec) ? pages(query, parent, parentLog) : List.of();
        return new Guidance(given, pages, new GuidanceLookup(spec, recall, search, metrics));
    }

    private List<RecalledLesson> lessons(CampaignSpec spec, long node, String query) {
        try {
            RecallScope scope = scope(spec);
            List<RecalledLesson> given = readsText(spec)
                    ? new ArrayList<>(recall.recall(scope, query, spec.memory().recall()))
                    : new ArrayList<>();
            Set<Long> ids = new LinkedHashSet<>();
            given.forEach(l -> ids.add(l.id()));
            recall.newest(spec.name(), LessonKind.RECOMMENDATION, RECOMMENDATIONS).stream()
                    .filter(l -> ids.add(l.id()))
                    .forEach(given::add);
            recall.limits(scope, LIMIT_CONFIDENCE).stream()
                    .filter(l -> ids.add(l.id()))
                    .forEach(given::add);
            recall.used(spec.name(), node, ids);
            return given;
        } catch (RuntimeException e) {
            LOG.warnf(e, "campaign %s: no lessons for node %d", spec.name(), node);
            return List.of();
        }
    }

    /** Tiered knowledge retrieval for the goal and the parent; with the parent's error when it failed. */
    private List<Guidance.PageExcerpt> pages(String query, NodeSummary parent, String parentLog) {
        try {
            Optional<String> error = parent.failed()
                    ? Optional.of(parent.feedback() + "\n" + tail(parentLog, QUERY_LOG_CHARS))
                    : Optional.empty();
            return search.retrieve(query, error, KNOWLEDGE_PAGES).stream()
                    .map(GuidanceService::excerpt)
                    .toList();
        } catch (RuntimeException e) {
            LOG.warnf(e, "no knowledge for a proposal");
            return List.of();
        }
    }

    static Guidance.PageExcerpt excerpt(KnowledgeHit h) {
        return new Guidance.PageExcerpt(
                h.key(),
                h.title(),
                h.type().name().toLowerCase(Locale.ROOT) + (h.via().equals("match") ? "" : ", " + h.via()),
                h.source(),
                h.excerpt(PAGE_CHARS));
    }

    /** The newest recommendations every proposal of a campaign is given (the last call's, at most). */
    static final int RECOMMENDATIONS = 5;

    /**
     * Loads the sentence model before a run that will use it (lessons are embedded as they are stored, recall embeds
     * its query): its first use loads ONNX Runtime, which registers a shutdown hook, and that fails once the JVM has
     * begun to stop, so a node that finishes during a graceful stop must not be the first to use it.
     */
    public void prepare(CampaignSpec spec) {
        if (spec.memory().enabled() || readsText(spec)) {
            embeddings.embed("clade");
        }
    }

    /**
     * Distils and stores the lessons of an evaluated node (deterministically, and with the model when there is one),
     * and rates the lessons its proposal used.
     *
     * @param diff the node's diff against its parent, for the model
     */
    public void learn(
            CampaignSpec spec,
            Trace trace,
            Map<String, Double> values,
            Optional<ModelDistiller> model,
            String diff,
            String feedback) {
        if (!spec.memory().enabled()) {
            return;
        }
        try {
            lessons.learn(spec.name(), Distiller.distill(trace));
            if (trace.outcome() != Trace.Outcome.FAILED) {
                lessons.learn(spec.name(), contradicted(spec, trace, values));
            }
            recall.rate(spec.name(), trace.node(), trace.outcome() == Trace.Outcome.IMPROVED);
        } catch (RuntimeException e) {
            LOG.warnf(e, "campaign %s: could not learn from node %d", spec.name(), trace.node());
        }
        model.ifPresent(m -> learnWithModel(spec, trace, m, diff, feedback));
    }

    /**
     * A node that worked with a value past a bound that a failure taught disagrees with it: merged in, the bound's
     * sign drops to 0 and its confidence halves, so the offline proposer no longer avoids that region (one flaky
     * failure must not forbid it for good).
     */
    private List<Lesson> contradicted(CampaignSpec spec, Trace trace, Map<String, Double> values) {
        List<Lesson> out = new ArrayList<>();
        for (RecalledLesson bound : recall.limits(RecallScope.campaign(spec.name()), 0)) {
            ParameterLimit limit = bound.lesson().limit().orElseThrow();
            Double value = values.get(limit.key());
            if (value != null && limit.violatedBy(value)) {
                out.add(new Lesson(
                        bound.lesson().kind(),
                        bound.lesson().trigger(),
                        limit.name() + " = " + value + " worked in node " + trace.node() + ", past the bound " + limit,
                        "",
                        1,
                        List.of(new Lesson.Evidence(trace.campaign(), trace.node(), trace.commit())),
                        0.5));
            }
        }
        return out;
    }

    private void learnWithModel(CampaignSpec spec, Trace trace, ModelDistiller model, String diff, String feedback) {
        try {
            ModelDistiller.Result written = model.distill(new ModelDistiller.Input(trace, spec.goal(), diff, feedback));
            if (!written.problem().isBlank()) {
                LOG.warnf(
                        "campaign %s: %s wrote no usable lesson for node %d: %s",
                        spec.name(), model.model(), trace.node(), written.problem());
            }
            lessons.learn(spec.name(), written.lessons(), model.model());
        } catch (RuntimeException e) {
            // The model is down or the dollar budget is spent: the deterministic lessons stand.
            LOG.warnf(
                    "campaign %s: %s could not distill node %d: %s",
                    spec.name(), model.model(), trace.node(), e.getMessage());
        }
    }

    /**
     * Whether the proposer reads lessons and pages as text. The offline proposer does not: it is given only bounds, so
     * no retrieval is spent on it and no lesson is rated by children it never influenced.
     */
    private static boolean readsText(CampaignSpec spec) {
        return spec.proposer().usesModel();
    }

    static RecallScope scope(CampaignSpec spec) {
        return spec.memory().everyCampaign() ? RecallScope.global() : RecallScope.campaign(spec.name());
    }

    /** The goal, what the parent tried and how it fared, and the end of its logs. */
    static String query(String goal, NodeSummary parent, String parentLog) {
        return String.join(
                        "\n",
                        goal,
                        parent.meta().getOrDefault("idea", ""),
                        parent.failed() ? "failed: " + parent.feedback() : parent.feedback(),
                        tail(parentLog, QUERY_LOG_CHARS))
                .strip();
    }

    private static String tail(String text, int chars) {
        return text.length() > chars ? text.substring(text.length() - chars) : text;
    }
}
