package dev.clade.orchestrator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.campaign.FieldProblem;
import dev.clade.orchestrator.campaign.HostFolders;
import dev.clade.orchestrator.campaign.SpecException;
import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.config.CladeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which host folders a campaign may read (DESIGN.md, "Trust model"). Never Clade's own data directory, nor {@code
 * /proc}, {@code /sys} or {@code /dev}, from the CLI or REST alike; over REST, only absolute paths under the
 * configured roots ({@code clade.api.repo-roots}; none by default, so only git URLs). Links are resolved first, so a
 * link to a forbidden folder is refused as the folder is.
 */
@ApplicationScoped
public class TargetPolicy {

    private static final List<String> NETWORK_SCHEMES = List.of("https", "http", "ssh", "git");

    private final CladeConfig config;

    public TargetPolicy(CladeConfig config) {
        this.config = config;
    }

    /** Refuses a spec whose target is Clade's own data or a system folder, naming {@code target.repo}. */
    void checkTarget(CampaignSpec spec, String source) {
        String repo = spec.target().repo();
        boolean file = repo.regionMatches(true, 0, "file://", 0, 7);
        if (SpecReader.isUrl(repo) && !file) {
            return;
        }
        forbidden(Path.of(file ? repo.substring(7) : repo)).ifPresent(why -> {
            throw SpecException.of(source, List.of(new FieldProblem("target.repo", why)));
        });
    }

    /**
     * Refuses a spec sent over REST that names a relative local path, or one outside the configured roots, in any of
     * the fields that read host folders ({@code document} as sent, before the spec reader resolves anything).
     */
    public void checkRequest(JsonNode document) {
        List<FieldProblem> problems = new ArrayList<>();
        check(problems, "target.repo", document.path("target").path("repo"));
        check(problems, "proposer.agent", document.path("proposer").path("agent"));
        check(problems, "evaluator.agentBenchmark", document.path("evaluator").path("agentBenchmark"));
        JsonNode knowledge = document.path("knowledge");
        for (int i = 0; i < knowledge.size(); i++) {
            check(problems, "knowledge[" + i + "]", knowledge.path(i));
        }
        if (!problems.isEmpty()) {
            throw SpecException.of("request body", problems);
        }
    }

    private void check(List<FieldProblem> problems, String field, JsonNode given) {
        if (given.isValueNode() && !given.isNull()) {
            problem(field, given.asText().strip()).ifPresent(problems::add);
        }
    }

    /**
     * What is wrong with {@code location}, a local path or git URL sent over REST for {@code field}: empty for a git
     * URL, or an absolute path under the roots that is not Clade's own data nor a system folder.
     */
    public Optional<FieldProblem> problem(String field, String location) {
        if (SpecReader.isUrl(location)) {
            return urlProblem(field, location);
        }
        Path path;
        try {
            path = Path.of(location);
        } catch (InvalidPathException e) {
            return Optional.of(new FieldProblem(field, "'" + location + "' is not a path: " + e.getReason()));
        }
        if (!path.isAbsolute()) {
            return Optional.of(new FieldProblem(
                    field, "'" + location + "' is relative; over the API give an absolute path or a git URL"));
        }
        Path real = HostFolders.real(path);
        List<Path> roots = config.api().repoRoots().orElse(List.of());
        if (roots.stream().map(HostFolders::real).noneMatch(real::startsWith)) {
            return Optional.of(new FieldProblem(
                    field,
                    "'" + location + "' is not under a folder the API may read (clade.api.repo-roots: "
                            + (roots.isEmpty() ? "none set, so only git URLs" : roots) + ")"));
        }
        return forbidden(real).map(why -> new FieldProblem(field, why));
    }

    /**
     * A URL sent over REST reaches a remote repository only through a network transport; {@code file:} (and any
     * transport that reads this host) is a local path and is judged as one.
     */
    private Optional<FieldProblem> urlProblem(String field, String location) {
        int colon = location.indexOf("://");
        if (colon < 0) {
            return Optional.empty(); // user@host:path, git's scp-like form over ssh
        }
        String scheme = location.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("file")) {
            return problem(field, location.substring(colon + 3).isEmpty() ? "/" : location.substring(colon + 3));
        }
        if (!NETWORK_SCHEMES.contains(scheme)) {
            return Optional.of(new FieldProblem(
                    field,
                    "'" + scheme + "://' is not a network transport; over the API use " + NETWORK_SCHEMES
                            + ", or an absolute path under clade.api.repo-roots"));
        }
        return Optional.empty();
    }

    /** Why a local folder may not be read, or empty when it may. */
    private Optional<String> forbidden(Path folder) {
        Path real = HostFolders.real(folder);
        Path home = HostFolders.real(config.home());
        // A folder that holds the home may be a target: a snapshot import leaves the home out (ExperimentStore).
        if (real.startsWith(home)) {
            return Optional.of("'" + folder + "' is Clade's own data (" + config.home() + "); it is never a target");
        }
        return HostFolders.systemFolder(folder);
    }
}
