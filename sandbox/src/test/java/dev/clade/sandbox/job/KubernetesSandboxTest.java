package dev.clade.sandbox.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.clade.sandbox.Isolation;
import dev.clade.sandbox.Resources;
import dev.clade.sandbox.SandboxException;
import dev.clade.sandbox.SandboxRequest;
import dev.clade.sandbox.SandboxResult;
import dev.clade.sandbox.Termination;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KubernetesSandbox against fabric8's mock API server in CRUD mode. Nothing runs the Jobs: each test plays the
 * cluster, creating the run's pod and setting the statuses the Job controller and kubelet would.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesSandboxTest {

    static final String NS = "clade-test";

    static {
        // Vert.x's own DNS resolver waits for name servers a sandboxed build host may not reach
        System.setProperty("vertx.disableDnsResolver", "true");
    }

    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path dir;

    Path stage;
    KubernetesSandbox sandbox;
    ClusterDouble cluster;

    @BeforeEach
    void setUp() throws IOException {
        stage = Files.createDirectories(dir.resolve("runs/stage-1"));
        sandbox = new KubernetesSandbox(
                client,
                KubernetesSettings.of(NS, "registry.example/clade-eval:1")
                        .withWorkspace(new KubernetesSettings.Workspace("clade-work", dir, "/workspace"))
                        .withMaxPollInterval(Duration.ofMillis(50))
                        .withDeadlineMargin(Duration.ofMinutes(2)));
        cluster = new ClusterDouble(client, server, NS);
        client.batch().v1().jobs().inNamespace(NS).delete();
        client.pods().inNamespace(NS).delete();
    }

    @Test
    void should_create_a_job_with_the_image_command_environment_limits_deadline_and_labels() throws Exception {
        // given
        SandboxRequest request = request()
                .withEnvironment(Map.of("SEED", "7", "MODE", "eval"))
                .withTimeout(Duration.ofSeconds(90))
                .withResources(new Resources(
                        2, OptionalInt.of(4), OptionalLong.of(8L << 30), OptionalLong.empty(), OptionalInt.empty()));

        // when
        CompletableFuture<SandboxResult> run = start(request);
        Job job = cluster.awaitJob();
        cluster.finish(job, "Succeeded", 0, "");

        // then
        assertThat(run.get(10, TimeUnit.SECONDS).succeeded()).isTrue();
        Container container =
                job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("registry.example/clade-eval:1");
        assertThat(container.getCommand()).containsExactly("python3", "evaluate.py", "--fast");
        assertThat(container.getArgs()).isEmpty();
        assertThat(container.getWorkingDir()).isEqualTo("/workspace/runs/stage-1");
        assertThat(container.getEnv())
                .extracting(EnvVar::getName, EnvVar::getValue)
                .containsExactly(tuple("MODE", "eval"), tuple("SEED", "7"));
        assertThat(container.getResources().getLimits())
                .containsEntry("nvidia.com/gpu", new Quantity("2"))
                .containsEntry("cpu", new Quantity("4"))
                .containsEntry("memory", new Quantity(Long.toString(8L << 30)));
        assertThat(container.getVolumeMounts()).singleElement().satisfies(mount -> {
            assertThat(mount.getMountPath()).isEqualTo("/workspace");
            assertThat(mount.getName()).isEqualTo("workspace");
        });
        assertThat(job.getSpec().getTemplate().getSpec().getVolumes())
                .singleElement()
                .satisfies(
                        volume -> assertThat(volume.getPersistentVolumeClaim().getClaimName())
                                .isEqualTo("clade-work"));
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(90 + 120);
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(job.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken())
                .isFalse();
        assertThat(job.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "clade");
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "clade");
    }

    @Test
    void should_set_no_gpu_limit_when_no_gpus_are_asked_for() throws Exception {
        // when
        CompletableFuture<SandboxResult> run = start(request());
        Job job = cluster.awaitJob();
        cluster.finish(job, "Succeeded", 0, "");

        // then
        run.get(10, TimeUnit.SECONDS);
        Container container =
                job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
        assertThat(container.getEnv()).isEmpty();
    }

    @Test
    void should_report_a_succeeded_job_with_its_exit_code_and_pod_log() throws Exception {
        // when
        CompletableFuture<SandboxResult> run = start(request());
        Job job = cluster.awaitJob();
        cluster.finish(job, "Succeeded", 0, "training...\nscore=0.93\n");

        // then
        SandboxResult result = run.get(10, TimeUnit.SECONDS);
        assertThat(result.termination()).isEqualTo(new Termination.Exited(0));
        assertThat(result.stdout().lastLine()).contains("score=0.93");
        assertThat(dir.resolve("logs/stdout.log")).hasContent("training...\nscore=0.93\n");
        assertThat(result.stderr().totalBytes()).isZero();
    }

    @Test
    void should_report_a_failed_job_with_the_containers_exit_code() throws Exception {
        // when
        CompletableFuture<SandboxResult> run = start(request());
        Job job = cluster.awaitJob();
        cluster.finish(job, "Failed", 3, "Traceback: boom\n");

        // then
        SandboxResult result = run.get(10, TimeUnit.SECONDS);
        assertThat(result.termination()).isEqualTo(new Termination.Exited(3));
        assertThat(result.stdout().tail()).isEqualTo("Traceback: boom\n");
    }

    @Test
    void should_cap_the_pod_log_at_the_output_limit() throws Exception {
        // given
        String log = "x".repeat(100_000) + "\nlast line\n";

        // when
        CompletableFuture<SandboxResult> run = start(request().withOutputLimitBytes(100));
        cluster.finish(cluster.awaitJob(), "Succeeded", 0, log);

        // then
        SandboxResult result = run.get(10, TimeUnit.SECONDS);
        assertThat(result.stdout().totalBytes()).isEqualTo(log.length());
        assertThat(result.stdout().truncated()).isTrue();
        assertThat(result.stdout().lastLine()).contains("last line");
        assertThat(Files.readString(result.stdout().log())).startsWith("x".repeat(100) + "\n[clade: ");
    }

    @Test
    void should_delete_the_job_in_the_background_when_it_runs_past_its_timeout() throws Exception {
        // given
        CompletableFuture<SandboxResult> run = start(request().withTimeout(Duration.ofMillis(300)));
        Job job = cluster.awaitJob();

        // when
        cluster.running(job);

        // then
        SandboxResult result = run.get(10, TimeUnit.SECONDS);
        assertThat(result.termination()).isEqualTo(new Termination.TimedOut(Duration.ofMillis(300)));
        var deletion = server.getLastRequest();
        assertThat(deletion.getMethod()).isEqualTo("DELETE");
        assertThat(deletion.getBody().readUtf8()).contains("\"propagationPolicy\":\"Background\"");
        assertThat(cluster.job(job)).isNull();
    }

    @Test
    void should_not_count_the_time_before_the_pod_runs_against_the_timeout() throws Exception {
        // given: a timeout much shorter than the pod's wait to be scheduled
        CompletableFuture<SandboxResult> run = start(request().withTimeout(Duration.ofMillis(100)));
        Job job = cluster.awaitJob();

        // when
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !run.isDone());
        cluster.finish(job, "Succeeded", 0, "");

        // then
        assertThat(run.get(10, TimeUnit.SECONDS).succeeded()).isTrue();
    }

    @Test
    void should_report_lost_when_the_job_is_deleted_from_outside() throws Exception {
        // given
        CompletableFuture<SandboxResult> run = start(request());
        Job job = cluster.awaitJob();
        cluster.running(job);

        // when
        client.batch()
                .v1()
                .jobs()
                .inNamespace(NS)
                .withName(job.getMetadata().getName())
                .delete();

        // then
        SandboxResult result = run.get(10, TimeUnit.SECONDS);
        assertThat(result.termination()).isInstanceOf(Termination.Lost.class);
        assertThat(result.termination().describe()).contains(job.getMetadata().getName(), "disappeared");
    }

    @Test
    void should_report_lost_when_the_pod_is_evicted() throws Exception {
        // given
        CompletableFuture<SandboxResult> run = start(request());
        Job job = cluster.awaitJob();
        cluster.running(job);

        // when
        cluster.evict(job);

        // then
        SandboxResult result = run.get(10, TimeUnit.SECONDS);
        assertThat(result.termination()).isInstanceOf(Termination.Lost.class);
        assertThat(result.termination().describe()).contains("Evicted", "node was low on resource");
    }

    @Test
    void should_delete_the_job_and_throw_keeping_the_interrupt_flag_when_interrupted() throws Exception {
        // given
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                sandbox.run(request());
            } catch (RuntimeException e) {
                thrown.set(e);
                flagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        Job job = cluster.awaitJob();
        cluster.running(job);

        // when
        caller.interrupt();

        // then
        caller.join(Duration.ofSeconds(10));
        assertThat(thrown.get()).isInstanceOf(SandboxException.class).hasMessageContaining("interrupted");
        assertThat(flagKept).isTrue();
        assertThat(cluster.job(job)).isNull();
    }

    @Test
    void should_refuse_strict_isolation_without_creating_a_job() {
        // when
        SandboxResult result =
                sandbox.run(request().withIsolation(Isolation.defaults().withStrict(true)));

        // then
        assertThat(result.termination()).isInstanceOf(Termination.Refused.class);
        assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
    }

    @Test
    void should_fail_when_the_working_directory_is_not_on_the_workspace_volume() throws IOException {
        // given
        Path elsewhere = Files.createTempDirectory("clade-k8s-elsewhere");
        try {
            // when / then
            assertThatThrownBy(() -> sandbox.run(SandboxRequest.of(List.of("true"), elsewhere)
                            .withLogs(dir.resolve("out.log"), dir.resolve("err.log"))))
                    .isInstanceOf(SandboxException.class)
                    .hasMessageContaining("not on the workspace volume clade-work");
        } finally {
            Files.delete(elsewhere);
        }
    }

    @Test
    void should_say_what_the_cluster_enforces() {
        assertThat(sandbox.isolation()).contains("Kubernetes Job", NS, "resources.limits", "NetworkPolicies");
    }

    private SandboxRequest request() {
        return SandboxRequest.of(List.of("python3", "evaluate.py", "--fast"), stage)
                .withLogs(dir.resolve("logs/stdout.log"), dir.resolve("logs/stderr.log"));
    }

    private CompletableFuture<SandboxResult> start(SandboxRequest request) {
        CompletableFuture<SandboxResult> run = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                run.complete(sandbox.run(request));
            } catch (RuntimeException e) {
                run.completeExceptionally(e);
            }
        });
        return run;
    }
}
