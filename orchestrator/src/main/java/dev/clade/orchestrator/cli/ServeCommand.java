package dev.clade.orchestrator.cli;

import dev.clade.orchestrator.api.ApiToken;
import dev.clade.orchestrator.engine.Adoption;
import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Runs Clade as a service: the REST API and live events, resuming every running campaign, until stopped. */
@Dependent
@Unremovable
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description =
                "Serves the dashboard (/) and the REST API (/api/v1, OpenAPI at /q/openapi) and resumes running campaigns, until"
                        + " stopped (Ctrl-C). Listens on 127.0.0.1:7070 unless QUARKUS_HTTP_HOST / QUARKUS_HTTP_PORT say"
                        + " otherwise.")
public class ServeCommand implements Callable<Integer> {

    @Inject
    Adoption adoption;

    @Inject
    ApiToken token;

    @Override
    public Integer call() {
        System.out.println("Clade is serving on " + Addresses.base());
        System.out.println("  API: " + Addresses.base() + "api/v1   OpenAPI: " + Addresses.base() + "q/swagger-ui");
        if (token.generatedNow()) {
            System.out.println("  API token (shown once; kept in " + token.file() + "): " + token.value());
            System.out.println("  Dashboard: " + Addresses.base() + "#token=" + token.value());
        } else {
            System.out.println("  API token: in " + token.file() + " (or CLADE_API_TOKEN)");
            System.out.println("  Dashboard: " + Addresses.base() + " (it asks for the token once)");
        }
        int resumed = adoption.resumeAll();
        if (resumed > 0) {
            System.out.println("Resumed " + resumed + " running campaign(s).");
        }
        adoption.start(); // from now on, adopts running campaigns whose process died (another instance's too)
        Quarkus.waitForExit();
        return 0;
    }
}
