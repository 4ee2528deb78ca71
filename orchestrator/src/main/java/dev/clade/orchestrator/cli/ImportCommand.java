package dev.clade.orchestrator.cli;

import dev.clade.orchestrator.campaign.PeerImport;
import dev.clade.orchestrator.campaign.SpecReader;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes a campaign spec beside an OpenEvolve or ShinkaEvolve problem, from what the folder holds. */
@Dependent
@Unremovable
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Writes campaign.yaml into an OpenEvolve or ShinkaEvolve problem folder from its initial program, its"
                    + " evaluator and its configuration (OpenEvolve's config.yaml, ShinkaEvolve's run_evo.py), and"
                    + " prints every setting it could not map. Then: clade run <folder>.",
            "The spec runs the offline proposer (no key needed), which tunes the numbers inside the program's"
                    + " EVOLVE-BLOCK regions; the evaluator runs as it is."
        })
public class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PEER", description = "openevolve or shinka")
    String peer;

    @Parameters(index = "1", paramLabel = "FOLDER", description = "the problem folder")
    Path folder;

    @Option(names = "--force", description = "replace a campaign.yaml that is there already")
    boolean force;

    @Override
    public Integer call() {
        Optional<PeerImport.Peer> which = PeerImport.Peer.named(peer);
        if (which.isEmpty()) {
            System.err.println("clade: '" + peer + "' is not a peer Clade imports; use openevolve or shinka");
            return ExitStatus.USAGE;
        }
        if (!Files.isDirectory(folder)) {
            System.err.println("clade: " + folder + " is not a folder");
            return ExitStatus.USAGE;
        }
        Path spec = folder.resolve(SpecReader.DEFAULT_FILE);
        if (Files.exists(spec) && !force) {
            System.err.println("clade: " + spec + " exists already; --force replaces it");
            return ExitStatus.USAGE;
        }
        PeerImport.Imported imported;
        try {
            imported = PeerImport.of(which.get(), folder);
            Files.writeString(spec, imported.yaml());
        } catch (IllegalArgumentException | IOException | java.io.UncheckedIOException e) {
            System.err.println("clade: " + e.getMessage());
            return ExitStatus.USAGE;
        }
        System.out.println("Wrote " + spec + " from the " + which.get().title() + " problem.");
        if (imported.unmapped().isEmpty()) {
            System.out.println("Every setting found was mapped.");
        } else {
            System.out.println("Not mapped (" + imported.unmapped().size() + "):");
            imported.unmapped().forEach(u -> System.out.println("  - " + u));
        }
        System.out.println("Run it with: ./clade run " + folder);
        return 0;
    }
}
