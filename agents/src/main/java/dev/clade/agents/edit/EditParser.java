package dev.clade.agents.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the edits of a model's reply. Three formats, mixed freely, fenced in {@code ```} or not:
 *
 * <pre>
 * path/to/file.py
 * &lt;&lt;&lt;&lt;&lt;&lt;&lt; SEARCH
 * exact lines of the current file
 * =======
 * the lines that replace them
 * &gt;&gt;&gt;&gt;&gt;&gt;&gt; REPLACE
 * </pre>
 *
 * (the path on the line before the block, or the previous block's path when that line is missing), unified diffs
 * ({@code --- a/path}, {@code +++ b/path}, {@code @@ ... @@} hunks) and whole files between {@code === FILE: path ===}
 * and {@code === END FILE ===}.
 */
public final class EditParser {

    private static final Pattern SEARCH = Pattern.compile("^\\s*<{5,9}\\s*SEARCH\\s*$");
    private static final Pattern DIVIDER = Pattern.compile("^\\s*={5,9}\\s*$");
    private static final Pattern REPLACE = Pattern.compile("^\\s*>{5,9}\\s*REPLACE\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~).*$");
    private static final Pattern FILE_START = Pattern.compile("^\\s*===\\s*FILE:\\s*(\\S.*?)\\s*===\\s*$");
    private static final Pattern FILE_END = Pattern.compile("^\\s*===\\s*END FILE\\s*===\\s*$");
    private static final Pattern OLD_FILE = Pattern.compile("^--- (\\S+).*$");
    private static final Pattern NEW_FILE = Pattern.compile("^\\+\\+\\+ (\\S+).*$");
    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*$");

    private EditParser() {}

    public static ParsedEdits parse(String reply) {
        List<String> lines = reply.lines().toList();
        List<FileEdit> edits = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String lastPath = null;
        int blocks = 0;
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            Matcher file = FILE_START.matcher(line);
            if (SEARCH.matcher(line).matches()) {
                blocks++;
                Optional<String> named = pathBefore(lines, i);
                String path = named.orElse(lastPath);
                int divider = find(lines, i + 1, DIVIDER);
                int end = divider < 0 ? -1 : find(lines, divider + 1, REPLACE);
                if (divider < 0 || end < 0) {
                    problems.add("SEARCH/REPLACE block " + blocks + (path == null ? "" : " (" + path + ")")
                            + " is not closed: expected a line ======= and then >>>>>>> REPLACE");
                    break;
                }
                if (path == null) {
                    problems.add("SEARCH/REPLACE block " + blocks
                            + " names no file: put the file's path on the line before <<<<<<< SEARCH");
                } else {
                    edits.add(new FileEdit.SearchReplace(
                            path, join(lines.subList(i + 1, divider)), join(lines.subList(divider + 1, end))));
                    lastPath = path;
                }
                i = end + 1;
            } else if (file.matches()) {
                int end = find(lines, i + 1, FILE_END);
                String path = cleanPath(file.group(1));
                if (end < 0) {
                    problems.add("whole file " + path + " is not closed: expected a line === END FILE ===");
                    break;
                }
                edits.add(new FileEdit.WholeFile(path, join(lines.subList(i + 1, end))));
                i = end + 1;
            } else if (OLD_FILE.matcher(line).matches()
                    && i + 1 < lines.size()
                    && NEW_FILE.matcher(lines.get(i + 1)).matches()) {
                i = readPatch(lines, i, edits, problems);
            } else {
                i++;
            }
        }
        return new ParsedEdits(edits, problems);
    }

    private static int readPatch(List<String> lines, int start, List<FileEdit> edits, List<String> problems) {
        Matcher oldFile = OLD_FILE.matcher(lines.get(start));
        Matcher newFile = NEW_FILE.matcher(lines.get(start + 1));
        oldFile.matches();
        newFile.matches();
        String oldPath = diffPath(oldFile.group(1));
        String newPath = diffPath(newFile.group(1));
        boolean created = oldPath.equals("/dev/null");
        boolean deleted = newPath.equals("/dev/null");
        String path = deleted ? oldPath : newPath;
        List<FileEdit.Hunk> hunks = new ArrayList<>();
        int i = start + 2;
        while (i < lines.size()) {
            Matcher hunk = HUNK.matcher(lines.get(i));
            if (!hunk.matches()) {
                break;
            }
            List<String> oldLines = new ArrayList<>();
            List<String> newLines = new ArrayList<>();
            i++;
            while (i < lines.size() && !HUNK.matcher(lines.get(i)).matches() && !endsPatch(lines, i)) {
                String l = lines.get(i);
                if (l.startsWith("\\")) { // "\ No newline at end of file"
                    i++;
                    continue;
                }
                char kind = l.isEmpty() ? ' ' : l.charAt(0);
                String text = l.isEmpty() ? "" : l.substring(1);
                switch (kind) {
                    case '-' -> oldLines.add(text);
                    case '+' -> newLines.add(text);
                    case ' ' -> {
                        oldLines.add(text);
                        newLines.add(text);
                    }
                    default -> {
                        // Not part of the diff: prose after it.
                        hunks.add(new FileEdit.Hunk(Integer.parseInt(hunk.group(1)), oldLines, newLines));
                        edits.add(new FileEdit.Patch(path, hunks, created, deleted));
                        return i;
                    }
                }
                i++;
            }
            hunks.add(new FileEdit.Hunk(Integer.parseInt(hunk.group(1)), trimBlankTail(oldLines, newLines), newLines));
        }
        if (hunks.isEmpty() && !deleted) {
            problems.add("diff of " + path + " has no @@ hunk");
        } else {
            edits.add(new FileEdit.Patch(path, hunks, created, deleted));
        }
        return i;
    }

    /** A blank line that ends a hunk before a fence is the model's spacing, not context; drop it from both sides. */
    private static List<String> trimBlankTail(List<String> oldLines, List<String> newLines) {
        while (!oldLines.isEmpty()
                && !newLines.isEmpty()
                && oldLines.getLast().isEmpty()
                && newLines.getLast().isEmpty()) {
            oldLines.removeLast();
            newLines.removeLast();
        }
        return oldLines;
    }

    private static boolean endsPatch(List<String> lines, int i) {
        String l = lines.get(i);
        return FENCE.matcher(l).matches()
                || l.startsWith("diff --git")
                || (OLD_FILE.matcher(l).matches()
                        && i + 1 < lines.size()
                        && NEW_FILE.matcher(lines.get(i + 1)).matches());
    }

    /** The path on the nearest non-blank line above a block, skipping one opening fence. */
    private static Optional<String> pathBefore(List<String> lines, int block) {
        int i = block - 1;
        while (i >= 0 && lines.get(i).isBlank()) {
            i--;
        }
        if (i >= 0 && FENCE.matcher(lines.get(i)).matches()) {
            String info = lines.get(i).trim().replaceFirst("^(```|~~~)", "").trim();
            if (looksLikePath(info)) {
                return Optional.of(cleanPath(info));
            }
            i--;
            while (i >= 0 && lines.get(i).isBlank()) {
                i--;
            }
        }
        if (i < 0) {
            return Optional.empty();
        }
        String candidate = cleanPath(lines.get(i));
        return looksLikePath(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    private static boolean looksLikePath(String s) {
        return !s.isEmpty()
                && !s.contains(" ")
                && (s.contains(".") || s.contains("/"))
                && !REPLACE.matcher(s).matches()
                && !s.startsWith("<")
                && !s.startsWith(">")
                && !s.startsWith("=");
    }

    static String cleanPath(String raw) {
        String s = raw.trim();
        s = s.replaceFirst("^(?i)(file|path)\\s*:\\s*", "");
        s = s.replaceAll("^[`*#'\"]+|[`*'\":]+$", "").trim();
        return s;
    }

    private static String diffPath(String raw) {
        if (raw.equals("/dev/null")) {
            return raw;
        }
        return raw.startsWith("a/") || raw.startsWith("b/") ? raw.substring(2) : raw;
    }

    private static int find(List<String> lines, int from, Pattern p) {
        for (int i = from; i < lines.size(); i++) {
            if (p.matcher(lines.get(i)).matches()) {
                return i;
            }
        }
        return -1;
    }

    private static String join(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
