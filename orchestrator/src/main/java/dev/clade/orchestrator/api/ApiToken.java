package dev.clade.orchestrator.api;

import dev.clade.orchestrator.config.CladeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The API's bearer token: {@code clade.api.token} when set, else one generated at first start and kept, readable by
 * its owner only, in {@code $CLADE_HOME/api-token}.
 */
@ApplicationScoped
public class ApiToken {

    private final String token;
    private final boolean generated;
    private final Path file;

    public ApiToken(CladeConfig config) {
        this.file = config.home().resolve("api-token");
        if (config.api().token().filter(t -> !t.isBlank()).isPresent()) {
            token = config.api().token().get().strip();
            generated = false;
        } else if (Files.isRegularFile(file)) {
            token = read(file);
            generated = false;
        } else {
            token = create(file);
            generated = true;
        }
    }

    /** Whether this process generated the token (so it should print it, once). */
    public boolean generatedNow() {
        return generated;
    }

    public String value() {
        return token;
    }

    public Path file() {
        return file;
    }

    /** The token of an {@code Authorization: Bearer <token>} header; null when the header is missing or not one. */
    static String bearer(String header) {
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip()
                : null;
    }

    /** Compares in constant time. */
    public boolean matches(String presented) {
        return presented != null
                && MessageDigest.isEqual(
                        presented.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API token " + file, e);
        }
    }

    private static String create(Path file) {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "api-token", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the data directory's own permissions protect it
            }
            Files.writeString(tmp, value + "\n");
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return value;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the API token " + file, e);
        }
    }
}
