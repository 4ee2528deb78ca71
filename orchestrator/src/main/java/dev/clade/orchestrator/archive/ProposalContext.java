package dev.clade.orchestrator.archive;

import dev.clade.agents.proposer.NodeSummary;
import java.util.List;
import java.util.Optional;

/** What the archive tells a proposer about a parent: the parent, its parent, its other children and the best nodes. */
public record ProposalContext(
        NodeInfo parent,
        Optional<NodeSummary> grandparent,
        List<NodeSummary> siblings,
        List<NodeSummary> inspirations) {

    public ProposalContext {
        siblings = List.copyOf(siblings);
        inspirations = List.copyOf(inspirations);
    }
}
