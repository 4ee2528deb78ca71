package dev.clade.orchestrator.health;

import dev.clade.orchestrator.config.CladeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code $CLADE_HOME} takes a file: the repositories, work folders and logs of every campaign live there. */
@Readiness
@ApplicationScoped
public class HomeCheck implements HealthCheck {

    private final CladeConfig config;

    public HomeCheck(CladeConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        Path home = config.home();
        try {
            Files.createDirectories(home);
            Path probe = Files.createTempFile(home, ".health-", ".probe");
            Files.delete(probe);
            return HealthCheckResponse.named("home")
                    .up()
                    .withData("path", home.toString())
                    .build();
        } catch (IOException | RuntimeException e) {
            return HealthCheckResponse.named("home")
                    .down()
                    .withData("path", home.toString())
                    .withData("problem", "cannot write there: " + e.getMessage())
                    .build();
        }
    }
}
