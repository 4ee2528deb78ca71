/** The typed page model: {@link dev.clade.knowledge.page.PageDraft}, its types and classifier. */
package dev.clade.knowledge.page;
