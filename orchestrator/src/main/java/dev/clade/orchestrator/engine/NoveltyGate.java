package dev.clade.orchestrator.engine;

import dev.clade.agents.proposer.NodeSummary;
import dev.clade.orchestrator.archive.CodeEmbeddings;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.strategy.StrategySpec;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * How new a committed child is: the code its lineage changed (the files that differ from the root's) is embedded
 * in-process by the sentence model Clade ships (all-MiniLM-L6-v2) and compared, by cosine similarity, with the nodes of
 * its island (of the whole archive, without islands). {@code proposer.novelty} rejects a near-copy; islands whose grid
 * names the built-in feature {@code novelty} place a node by 1 − its highest similarity. A child that changes nothing
 * from the root is a copy of the root (similarity 1). A node's embedding is stored with its commit, so a resumed run
 * compares with the same ones. Thread-safe.
 */
final class NoveltyGate {

    /** Built-in feature of islands: 1 − the highest similarity to the island's nodes at commit. */
    static final String FEATURE = "novelty";

    /** The most of a lineage's changed code embedded. */
    static final int TEXT_CHARS = 20_000;

    /** How new a child is: its embedding and the most similar other node, when there is one. */
    record Verdict(float[] vector, long nearest, double similarity) {
        static final long NONE = -1;
    }

    private final RunContext run;
    private final EmbeddingModel model;
    private final CodeEmbeddings store;
    private final Optional<CampaignSpec.Novelty> novelty;
    private final boolean feature;
    private Map<Long, CodeEmbeddings.Stored> kept;

    private NoveltyGate(RunContext run, EmbeddingModel model, CodeEmbeddings store, boolean feature) {
        this.run = run;
        this.model = model;
        this.store = store;
        this.novelty = run.spec().novelty();
        this.feature = feature;
    }

    /** The gate of a run, when its spec uses novelty (rejection, or the islands feature); loads the model first. */
    static Optional<NoveltyGate> of(RunContext run, EmbeddingModel model, CodeEmbeddings store) {
        boolean feature = run.spec().strategy() instanceof StrategySpec.Islands islands
                && islands.features().stream().anyMatch(f -> f.name().equals(FEATURE));
        if (run.spec().novelty().isEmpty() && !feature) {
            return Optional.empty();
        }
        model.embed("clade"); // load it before the loop (see GuidanceService.prepare)
        return Optional.of(new NoveltyGate(run, model, store, feature));
    }

    /**
     * Embeds the child's changed code (outside the lock) and finds the most similar node it is compared with; then, in
     * one step under the lock, holds the child's embedding for the comparisons that follow unless the gate rejects it
     * and {@code lastTry} is false, so two workers can never both accept copies of each other.
     */
    Verdict judge(NodeInfo node, ObjectId root, ObjectId commit, boolean lastTry) {
        String text = run.repo().changedText(root, commit, TEXT_CHARS);
        float[] vector =
                text.isBlank() ? null : unit(model.embed(text).content().vector());
        synchronized (this) {
            Verdict verdict = vector == null ? new Verdict(null, 0, 1) : nearest(node, vector);
            if (vector != null && (lastTry || !rejects(verdict))) {
                kept().put(node.number(), new CodeEmbeddings.Stored(node.island(), vector));
            }
            return verdict;
        }
    }

    /** Whether {@code proposer.novelty} rejects the child. */
    boolean rejects(Verdict v) {
        return novelty.isPresent()
                && v.nearest() != Verdict.NONE
                && v.similarity() >= novelty.get().threshold();
    }

    /**
     * Says that the child's try {@code attempt} was rejected and returns the nearest node as the next try sees it:
     * first among the other attempts, its feedback saying why.
     */
    NodeSummary rejected(NodeInfo node, Verdict v, int attempt) {
        run.listener()
                .note(String.format(
                        Locale.ROOT,
                        "node %d: a near-copy of node %d (similarity %.4f), not evaluated; proposing again (%d of %d)",
                        node.number(),
                        v.nearest(),
                        v.similarity(),
                        attempt + 1,
                        retries()));
        NodeSummary nearest = run.node(v.nearest()).summary();
        String why = String.format(
                Locale.ROOT,
                "your last proposal was a near-copy of this node (similarity %.4f) and was not evaluated: make a"
                        + " different change",
                v.similarity());
        return new NodeSummary(nearest.number(), nearest.score(), nearest.failed(), why, nearest.meta());
    }

    /** How often a child may be proposed again after a rejection. */
    int retries() {
        return novelty.map(CampaignSpec.Novelty::retries).orElse(0);
    }

    /** The built-in traits the verdict gives the node. */
    Map<String, Double> traits(Verdict v) {
        return feature ? Map.of(FEATURE, Math.round((1 - v.similarity()) * 1e6) / 1e6) : Map.of();
    }

    /** The nodes compared with: the child's island's (every node's, without islands), other than the child. */
    private Verdict nearest(NodeInfo node, float[] vector) {
        long nearest = Verdict.NONE;
        double best = -1;
        for (Map.Entry<Long, CodeEmbeddings.Stored> e : kept().entrySet()) {
            CodeEmbeddings.Stored other = e.getValue();
            if (e.getKey() == node.number() || (node.island() >= 0 && other.island() != node.island())) {
                continue;
            }
            double s = dot(vector, other.vector());
            if (s > best) {
                best = s;
                nearest = e.getKey();
            }
        }
        return new Verdict(vector, nearest, nearest == Verdict.NONE ? 0 : best);
    }

    private Map<Long, CodeEmbeddings.Stored> kept() {
        if (kept == null) {
            kept = new LinkedHashMap<>(store.of(run.campaignId()));
        }
        return kept;
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float[] out = new float[v.length];
        double n = Math.sqrt(norm);
        for (int i = 0; i < v.length; i++) {
            out[i] = n == 0 ? 0 : (float) (v[i] / n);
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
