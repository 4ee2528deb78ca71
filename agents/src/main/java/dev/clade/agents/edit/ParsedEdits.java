package dev.clade.agents.edit;

import java.util.List;

/**
 * What {@link EditParser} found in a reply: the edits, and the problems of blocks it could not read (each names the
 * block and what is wrong, so the model can be told).
 */
public record ParsedEdits(List<FileEdit> edits, List<String> problems) {
    public ParsedEdits {
        edits = List.copyOf(edits);
        problems = List.copyOf(problems);
    }

    public boolean isEmpty() {
        return edits.isEmpty() && problems.isEmpty();
    }
}
