/**
 * Knowledge base (DESIGN.md, "Knowledge"): ingestion of repositories, documents and papers into typed
 * pages, and tiered hybrid retrieval.
 *
 * <p>{@code ingest} turns a file or a folder into {@link dev.clade.knowledge.page.PageDraft page
 * drafts}; {@code page} holds the page model and its classifier. Storage and retrieval belong to the
 * application, which persists the drafts with full-text search and embeddings.
 */
package dev.clade.knowledge;
