package dev.clade.orchestrator.engine;

/** Branch names of nodes: {@code clade/<campaign>/<node>} (DESIGN.md, "Git layout"). The root has no branch. */
public final class Branches {

    private Branches() {}

    public static String of(String campaign, long node) {
        return prefix(campaign) + node;
    }

    public static String prefix(String campaign) {
        return "clade/" + campaign + "/";
    }
}
