package dev.clade.agents.proposer;

/**
 * Proposes one change to a program (DESIGN.md, "Proposers").
 *
 * <p>The proposer edits the files of {@link ProposalRequest#workDir()}, an export of the parent commit that
 * belongs to this proposal alone; the caller commits what changed in the editable paths. Implementations must be
 * safe to call from several threads at once for different requests. A proposal that cannot be made is a {@link
 * Proposal.Declined} value, not an exception; exceptions are for broken infrastructure.
 */
public interface Proposer {

    /** Edits {@code request.workDir()} in place and says what the idea was. */
    Proposal propose(ProposalRequest request);

    /** Short name shown in logs and summaries, e.g. {@code offline}. */
    String name();
}
