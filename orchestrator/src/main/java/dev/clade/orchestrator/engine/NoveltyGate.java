package dev.clade.orchestrator.engine;

import dev.clade.orchestrator.archive.CodeEmbeddings;
import dev.clade.orchestrator.archive.NodeInfo;
import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.strategy.StrategySpec;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * How new a committed child is: the code its lineage changed (the files that differ from the root's) is embedded
 * in-process by the sentence model Clade ships (all-MiniLM-L6-v2) and compared, by cosine similarity, with the nodes of
 * its island (of the whole archive, without islands). {@code proposer.novelty} rejects a near-copy; islands whose grid
 * names the built-in feature {@code novelty} place a node by 1 − its highest similarity. A child that changes nothing
 * from the root is a copy of the root (similarity 1). The embeddings are stored with the nodes, so a resumed run
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
    private Map<Long, float[]> kept;

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

    /** Embeds the child's changed code and finds the most similar node it is compared with. */
    Verdict judge(NodeInfo node, ObjectId root, ObjectId commit) {
        String text = run.repo().changedText(root, commit, TEXT_CHARS);
        if (text.isBlank()) {
            return new Verdict(null, 0, 1);
        }
        float[] vector = unit(model.embed(text).content().vector());
        long nearest = Verdict.NONE;
        double best = -1;
        for (Map.Entry<Long, float[]> e : peers(node).entrySet()) {
            double s = dot(vector, e.getValue());
            if (s > best) {
                best = s;
                nearest = e.getKey();
            }
        }
        return new Verdict(vector, nearest, nearest == Verdict.NONE ? 0 : best);
    }

    /** Whether {@code proposer.novelty} rejects the child. */
    boolean rejects(Verdict v) {
        return novelty.isPresent()
                && v.nearest() != Verdict.NONE
                && v.similarity() >= novelty.get().threshold();
    }

    /** How often a child may be proposed again after a rejection. */
    int retries() {
        return novelty.map(CampaignSpec.Novelty::retries).orElse(0);
    }

    /** The built-in traits the verdict gives the node. */
    Map<String, Double> traits(Verdict v) {
        return feature ? Map.of(FEATURE, Math.round((1 - v.similarity()) * 1e6) / 1e6) : Map.of();
    }

    /** Stores the committed child's embedding, for the comparisons that follow and for a resumed run. */
    synchronized void keep(NodeInfo node, Verdict v) {
        if (v.vector() == null) {
            return;
        }
        store.store(node.id(), v.vector());
        kept().put(node.number(), v.vector());
    }

    private synchronized Map<Long, float[]> peers(NodeInfo node) {
        Map<Long, float[]> peers = new LinkedHashMap<>();
        kept().forEach((number, vector) -> {
            if (number != node.number()
                    && (node.island() < 0
                            || run.archive()
                                    .find(run.campaignId(), number)
                                    .map(n -> n.island() == node.island())
                                    .orElse(false))) {
                peers.put(number, vector);
            }
        });
        return peers;
    }

    private Map<Long, float[]> kept() {
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
