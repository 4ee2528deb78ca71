/**
 * Episodic memory of lessons (DESIGN.md, "Lessons"): distillation from experiment traces, storage in
 * PostgreSQL and hybrid recall.
 *
 * <p>Built so far: the deterministic distiller ({@code distill}: error signatures, parameter effects) and the merging
 * of near-duplicates, as a library. Not built yet: the lessons table, the LLM distiller, recall, and their use by the
 * proposers; until then no proposer receives lessons, and nothing pretends otherwise.
 */
package dev.clade.memory;
