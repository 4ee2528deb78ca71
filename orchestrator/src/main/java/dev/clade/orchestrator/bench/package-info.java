/**
 * Benchmarks of Clade's parts on simulated problems. {@code clade bench strategies} compares the search strategies on
 * synthetic trees of self-modifications ({@link dev.clade.orchestrator.bench.Landscape}) where a node's own
 * performance predicts its descendants' ({@code aligned}) or misleads about them ({@code mismatch}), under the same
 * budget of task evaluations for every strategy.
 */
package dev.clade.orchestrator.bench;
