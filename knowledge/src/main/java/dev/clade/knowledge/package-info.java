/**
 * Knowledge base (DESIGN.md, "Knowledge"): ingestion of repositories, documents and papers into typed
 * pages, and tiered hybrid retrieval.
 *
 * <p>Not built yet: this module only reserves its place in the architecture. Ingestion and retrieval
 * arrive with the knowledge-and-memory issue; until then campaigns run without retrieved knowledge.
 */
package dev.clade.knowledge;
