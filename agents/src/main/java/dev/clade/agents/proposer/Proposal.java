package dev.clade.agents.proposer;

import java.util.Map;
import java.util.Objects;

/** What a proposer did with a request: it edited the work directory, or it declined with a reason. */
public sealed interface Proposal {

    /**
     * The work directory now holds the child.
     *
     * @param idea one line (plus optional body) that becomes the commit message
     * @param meta proposer state to remember with the node (for the offline proposer: parameter values and step size);
     *     read back through {@link NodeSummary#meta()} in later requests
     */
    record Edited(String idea, Map<String, String> meta) implements Proposal {
        public Edited {
            Objects.requireNonNull(idea, "idea");
            if (idea.isBlank()) {
                throw new IllegalArgumentException("idea must not be blank");
            }
            meta = Map.copyOf(meta);
        }
    }

    /** Nothing was changed; {@code reason} says why (no parameters found, every edit refused, ...). */
    record Declined(String reason) implements Proposal {
        public Declined {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
