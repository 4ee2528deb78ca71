package dev.clade.knowledge.ingest;

import java.io.File;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves a link target written in a document ({@code ../setup.md#cuda}, {@code guide.html},
 * {@code #usage}) to the key of an ingested page. Targets with a scheme ({@code https:}, {@code
 * mailto:}) and targets outside the source resolve to nothing; a leading {@code /} means the source
 * root; a folder resolves to its README or index page.
 */
final class HrefResolver {

    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:|^//");
    private static final List<String> FOLDER_PAGES = List.of("README.md", "readme.md", "index.md", "index.html");

    private final Set<String> keys;
    private final Map<String, String> firstKeyByFile;

    HrefResolver(Set<String> keys, Map<String, String> firstKeyByFile) {
        this.keys = keys;
        this.firstKeyByFile = firstKeyByFile;
    }

    Optional<String> resolve(String fromFile, String href) {
        String target = href.strip();
        if (target.isEmpty() || SCHEME.matcher(target).find()) {
            return Optional.empty();
        }
        int hash = target.indexOf('#');
        String fragment = hash < 0 ? "" : target.substring(hash + 1);
        String path = decode(stripQuery(hash < 0 ? target : target.substring(0, hash)));
        Optional<String> file = path.isEmpty() ? Optional.of(fromFile) : file(fromFile, path);
        return file.flatMap(name -> keyIn(name, fragment));
    }

    private Optional<String> keyIn(String file, String fragment) {
        if (!fragment.isEmpty() && keys.contains(file + "#" + Slugs.of(fragment))) {
            return Optional.of(file + "#" + Slugs.of(fragment));
        }
        if (firstKeyByFile.containsKey(file)) {
            return Optional.of(firstKeyByFile.get(file));
        }
        return FOLDER_PAGES.stream()
                .map(page -> firstKeyByFile.get(file + "/" + page))
                .filter(Objects::nonNull)
                .findFirst();
    }

    private static Optional<String> file(String fromFile, String path) {
        Path base = path.startsWith("/") || Path.of(fromFile).getParent() == null
                ? Path.of("")
                : Path.of(fromFile).getParent();
        Path resolved;
        try {
            resolved = base.resolve(path.replaceFirst("^/+", "")).normalize();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        String name = resolved.toString().replace(File.separatorChar, '/');
        return name.isEmpty() || resolved.startsWith("..") ? Optional.empty() : Optional.of(name);
    }

    private static String stripQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static String decode(String path) {
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return path;
        }
    }
}
