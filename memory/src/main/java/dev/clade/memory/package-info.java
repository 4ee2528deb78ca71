/**
 * Episodic memory of lessons (DESIGN.md, "Lessons"): distillation from experiment traces, storage in
 * PostgreSQL and hybrid recall.
 *
 * <p>Not built yet: this module only reserves its place in the architecture. The lessons table, the
 * distillers and recall arrive with the knowledge-and-memory issue; until then no proposer receives
 * lessons, and nothing pretends otherwise.
 */
package dev.clade.memory;
