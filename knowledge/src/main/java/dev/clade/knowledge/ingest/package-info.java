/**
 * Ingestion: turns a file or a folder (a checked-out repository, a docs folder, a paper list) into
 * typed {@link dev.clade.knowledge.page.PageDraft page drafts}. Entry point: {@link
 * dev.clade.knowledge.ingest.Ingestor}.
 */
package dev.clade.knowledge.ingest;
