package dev.clade.knowledge.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The file types ingestion knows, by extension. Files of any other extension are ignored. */
enum FileKind {
    MARKDOWN("md", "markdown"),
    HTML("html", "htm"),
    PDF("pdf"),
    CODE(
            "py", "java", "js", "ts", "go", "rs", "c", "h", "cpp", "hpp", "cc", "sh", "rb", "kt", "scala", "jl", "r",
            "m", "cu"),
    TEXT("txt", "rst"),
    BIBTEX("bib"),
    JSON("json", "jsonl");

    private final Set<String> extensions;

    FileKind(String... extensions) {
        this.extensions = Set.of(extensions);
    }

    /** The kind of a file by its name's extension, case-insensitive; empty for an unknown one. */
    static Optional<FileKind> of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String extension = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(kind -> kind.extensions.contains(extension))
                .findFirst();
    }
}
