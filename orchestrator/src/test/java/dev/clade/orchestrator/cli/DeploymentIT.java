package dev.clade.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The deployment files read as Kubernetes and Docker would (neither runs here): the manifests' probes, port, home,
 * secrets and grace agree with the application's settings, and every path the Dockerfile copies was built.
 */
class DeploymentIT {

    private static final Path ROOT = Path.of("..");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void should_probe_serve_and_keep_the_home_the_way_the_application_is_configured() throws IOException {
        Map<String, JsonNode> kinds = manifests(ROOT.resolve("src/main/kubernetes/clade.yml"));
        assertThat(kinds).containsKeys("Deployment", "Service", "PersistentVolumeClaim");
        JsonNode pod = kinds.get("Deployment").at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        Properties app = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            app.load(r);
        }

        assertThat(container.at("/args/0").asText()).isEqualTo("serve");
        assertThat(container.at("/ports/0/containerPort").asInt())
                .isEqualTo(Integer.parseInt(app.getProperty("quarkus.http.port")));
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
        Map<String, JsonNode> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        assertThat(env.get("QUARKUS_HTTP_HOST").path("value").asText()).isEqualTo("0.0.0.0");
        assertThat(env.get("CLADE_API_TOKEN").at("/valueFrom/secretKeyRef/name").asText())
                .as("the token comes from a Secret, never from the manifest")
                .isNotBlank();
        assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD")
                        .at("/valueFrom/secretKeyRef/name")
                        .asText())
                .isNotBlank();
        String home = env.get("CLADE_HOME").path("value").asText();
        assertThat(container.at("/volumeMounts/0/mountPath").asText()).isEqualTo(home);
        assertThat(pod.at("/volumes/0/persistentVolumeClaim/claimName").asText())
                .isEqualTo(
                        kinds.get("PersistentVolumeClaim").at("/metadata/name").asText());
        assertThat(kinds.get("PersistentVolumeClaim").at("/spec/accessModes/0").asText())
                .as("every instance shares one home")
                .isEqualTo("ReadWriteMany");
        assertThat(pod.path("terminationGracePeriodSeconds").asInt())
                .as("longer than clade.shutdown.grace (30 s) and the 15 s killed stages may take")
                .isGreaterThan(45);
        assertThat(kinds.get("Service").at("/spec/selector"))
                .isEqualTo(kinds.get("Deployment").at("/spec/selector/matchLabels"));

        String dockerfile = Files.readString(ROOT.resolve("src/main/docker/Dockerfile.jvm"));
        assertThat(dockerfile)
                .contains("ENV CLADE_HOME=" + home)
                .contains("EXPOSE " + app.getProperty("quarkus.http.port"));
    }

    @Test
    void should_have_built_everything_the_dockerfile_copies() throws IOException {
        Matcher copy = Pattern.compile("(?m)^COPY (?:--\\S+ )*(\\S+) \\S+$")
                .matcher(Files.readString(ROOT.resolve("src/main/docker/Dockerfile.jvm")));
        List<String> sources = new ArrayList<>();
        while (copy.find()) {
            sources.add(copy.group(1));
        }
        assertThat(sources).isNotEmpty();
        for (String source : sources) {
            if (source.endsWith("*.jar")) {
                Path folder = ROOT.resolve(source).getParent();
                try (var jars = Files.newDirectoryStream(folder, "*.jar")) {
                    assertThat(jars.iterator().hasNext()).as(source).isTrue();
                }
            } else {
                assertThat(ROOT.resolve(source)).as(source).isDirectory();
            }
        }
    }

    private static Map<String, JsonNode> manifests(Path file) throws IOException {
        Map<String, JsonNode> byKind = new HashMap<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                byKind.put(doc.path("kind").asText(), doc);
            }
        }
        return byKind;
    }
}
