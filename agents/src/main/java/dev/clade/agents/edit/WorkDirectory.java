package dev.clade.agents.edit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * The work directory of a proposal as the agent's tools see it: every path a tool names is resolved here, and none
 * leads out of it. A path must be relative and must not climb out with {@code ..}; beyond that, links are the danger,
 * as a command the model runs may leave one that points at a host file or at {@code /proc/self/environ}.
 *
 * <ul>
 *   <li><b>Reading</b> ({@link #forReading}) follows a symbolic link only when it stays inside: each existing component
 *       of the path is resolved to its real path (links, and {@code ..} after links, as the kernel resolves them), and
 *       each must lie inside the directory's real path. A link inside that points inside may be read and listed, as
 *       git checks such links out and programs use them ({@code latest -> v2}); refusing those would hide part of the
 *       code from the model for no gain, since what it reaches is in the checkout anyway.
 *   <li><b>Writing</b> ({@link #forWriting}) follows no link at all, not even one that points inside: which files may
 *       change is decided by name ({@code target.editable}, the pinned evaluator), and a link {@code src/x.py ->
 *       ../eval/score.py} would let an editable name rewrite a pinned file. A dangling link is a link too: writing it
 *       would create its target. Missing folders are then created below the last existing one, which is known not to
 *       be a link.
 *   <li>A regular file with more than one hard link is refused both ways: it cannot be told from a host file linked
 *       in, and writing it would change the other name too. Checkouts never make hard links.
 * </ul>
 *
 * A refusal names the path as the model gave it and the link on it, never where the link points nor what it holds.
 * Files are opened with {@link LinkOption#NOFOLLOW_LINKS}, so a link put in place of the last component after the check
 * makes the open fail instead of being followed.
 */
public final class WorkDirectory {

    /** Where a path leads: inside the work directory, or refused with a reason meant for the model. */
    public sealed interface Resolution {}

    /**
     * @param path the file's path inside the work directory, free of links as far as it exists
     * @param relative that path relative to the work directory, with {@code /} separators
     */
    public record Inside(Path path, String relative) implements Resolution {
        public Inside {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(relative, "relative");
        }
    }

    /** The path may not be used; {@code reason} names it. */
    public record Refused(String reason) implements Resolution {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private final Path root;

    private WorkDirectory(Path root) {
        this.root = root;
    }

    /** The work directory at {@code root}, which must exist; it may itself be reached through a link. */
    public static WorkDirectory of(Path root) {
        try {
            return new WorkDirectory(root.toRealPath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the work directory " + root, e);
        }
    }

    /** The real path of the work directory. */
    public Path root() {
        return root;
    }

    /** A path to read or list: links are followed while they stay inside. A blank path is the directory itself. */
    public Resolution forReading(String raw) {
        Resolution named = named(raw);
        if (!(named instanceof Inside inside)) {
            return named;
        }
        Path asked = root.relativize(inside.path());
        Path current = root;
        for (int i = 0; i < asked.getNameCount(); i++) {
            Path next = current.resolve(asked.getName(i));
            if (!Files.exists(next, NOFOLLOW)) {
                return new Inside(next.resolve(rest(asked, i + 1)), inside.relative());
            }
            if (Files.isSymbolicLink(next)) {
                String link = slashed(asked.subpath(0, i + 1));
                try {
                    next = next.toRealPath();
                } catch (IOException e) {
                    return refused(inside.relative(), link, "a symbolic link that leads nowhere");
                }
                if (!next.startsWith(root)) {
                    return refused(
                            inside.relative(),
                            link,
                            "a symbolic link out of the work directory, which is never followed");
                }
            }
            current = next;
        }
        return singleLinked(current, inside.relative());
    }

    /** A path to write, create or delete: no component may be a symbolic link, wherever it points. */
    public Resolution forWriting(String raw) {
        Resolution named = named(raw);
        if (!(named instanceof Inside inside)) {
            return named;
        }
        Path asked = root.relativize(inside.path());
        Path current = root;
        for (int i = 0; i < asked.getNameCount(); i++) {
            current = current.resolve(asked.getName(i));
            if (Files.isSymbolicLink(current)) {
                return refused(
                        inside.relative(),
                        slashed(asked.subpath(0, i + 1)),
                        "a symbolic link, and files are never written through links (remove the link first)");
            }
            if (!Files.exists(current, NOFOLLOW)) {
                break;
            }
        }
        return singleLinked(inside.path(), inside.relative());
    }

    /** Whether a symbolic link found in the directory leads out of it (or nowhere). */
    public boolean leadsOut(Path link) {
        try {
            return !link.toRealPath().startsWith(root);
        } catch (IOException e) {
            return true;
        }
    }

    /** A path under the directory, relative to it with {@code /} separators. */
    public String relative(Path path) {
        return slashed(root.relativize(path));
    }

    /** The text of a file resolved here, as strict UTF-8, without following a link in its last component. */
    public static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, NOFOLLOW)) {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(in.readAllBytes()))
                    .toString();
        }
    }

    /** Writes a file resolved for writing, creating missing folders, without following a link in its last component. */
    public static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE,
                NOFOLLOW)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The path made absolute under the root, refused when absolute or climbing out; nothing on disk is read. */
    private Resolution named(String raw) {
        String cleaned = raw.replace('\\', '/').trim();
        Path given;
        try {
            given = Path.of(cleaned.isEmpty() ? "." : cleaned);
        } catch (InvalidPathException e) {
            return new Refused(raw + " is not a valid path");
        }
        Path resolved = root.resolve(given).normalize();
        if (given.isAbsolute() || !resolved.startsWith(root)) {
            return new Refused(raw + " is outside the work directory; use a path relative to the repository root");
        }
        return new Inside(resolved, relative(resolved));
    }

    private static Resolution singleLinked(Path file, String relative) {
        int links = hardLinks(file);
        if (links > 1) {
            return new Refused(relative + " has " + links + " hard links, so it may be a file from outside the work"
                    + " directory; the tools only touch files linked once");
        }
        return new Inside(file, relative);
    }

    /**
     * How many hard links a regular file has; 1 for anything else, for a missing file, and where the file system
     * keeps no count. A walk of the directory skips files with more than one (see {@link #forReading}).
     */
    public static int hardLinks(Path file) {
        try {
            if (Files.isRegularFile(file, NOFOLLOW)
                    && Files.getAttribute(file, "unix:nlink", NOFOLLOW) instanceof Integer n) {
                return n;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // missing, or no link count on this file system
        }
        return 1;
    }

    private static Refused refused(String asked, String link, String what) {
        return new Refused((asked.equals(link) ? "" : asked + ": ") + link + " is " + what);
    }

    private static Path rest(Path path, int from) {
        return from >= path.getNameCount() ? Path.of("") : path.subpath(from, path.getNameCount());
    }

    private static String slashed(Path path) {
        return path.toString().replace(path.getFileSystem().getSeparator(), "/");
    }
}
