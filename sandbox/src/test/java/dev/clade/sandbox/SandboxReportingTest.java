package dev.clade.sandbox;

import static dev.clade.sandbox.Processes.sh;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sandboxes say what they cannot apply on a host, and refuse strict requests that need it. */
class SandboxReportingTest {

    private static final Duration GRACE = Duration.ofMillis(500);

    @TempDir
    Path dir;

    private final BubblewrapHost noBwrap = BubblewrapHost.probe(Optional.empty());

    private BubblewrapSandbox withoutBubblewrap() {
        return new BubblewrapSandbox(
                EnvironmentPolicy.defaults(), GRACE, List.of(), System.getenv(), noBwrap, Cgroups.host());
    }

    @Test
    void should_say_that_bubblewrap_is_missing_and_still_run_a_request_that_is_not_strict() {
        // given
        BubblewrapSandbox sandbox = withoutBubblewrap();

        // when
        SandboxResult result = sandbox.run(SandboxRequest.of(sh("echo ran"), dir));

        // then
        assertThat(sandbox.isolates()).isFalse();
        assertThat(sandbox.isolation())
                .contains("bubblewrap does not work here")
                .contains("no filesystem isolation (bubblewrap (bwrap) is not installed)")
                .contains("no network isolation (bubblewrap (bwrap) is not installed)");
        assertThat(result.succeeded()).isTrue();
        assertThat(result.stdout().lastLine()).contains("ran");
    }

    @Test
    void should_refuse_a_strict_request_naming_the_missing_features() throws IOException {
        // given
        SandboxRequest strict = SandboxRequest.of(sh("touch ran"), dir)
                .withIsolation(Isolation.defaults().withStrict(true));

        // when
        SandboxResult result = withoutBubblewrap().run(strict);

        // then
        Termination.Refused refused = (Termination.Refused) result.termination();
        assertThat(refused.reason())
                .contains("filesystem isolation (bubblewrap (bwrap) is not installed)")
                .contains("network isolation (bubblewrap (bwrap) is not installed)");
        assertThat(dir.resolve("ran")).doesNotExist();
        assertThat(Files.readString(result.stderr().log())).startsWith("[clade: refused to run: strict isolation");
        assertThat(result.stderr().tail()).contains(refused.reason());
    }

    @Test
    void should_not_need_network_isolation_for_a_strict_request_that_asks_for_network() {
        // given
        SandboxRequest strict = SandboxRequest.of(sh("true"), dir)
                .withIsolation(Isolation.defaults().withStrict(true).withNetwork(true));

        // when
        SandboxResult result = withoutBubblewrap().run(strict);

        // then
        assertThat(((Termination.Refused) result.termination()).reason())
                .contains("filesystem isolation")
                .doesNotContain("network isolation");
    }

    @Test
    void should_refuse_every_strict_request_in_a_process_sandbox() {
        // given
        ProcessSandbox sandbox = new ProcessSandbox(EnvironmentPolicy.defaults(), GRACE);
        SandboxRequest strict = SandboxRequest.of(sh("touch ran"), dir)
                .withIsolation(Isolation.defaults().withStrict(true));

        // when
        SandboxResult result = sandbox.run(strict);

        // then
        assertThat(result.termination().describe())
                .startsWith("refused to run: strict isolation needs what this host lacks: filesystem isolation");
        assertThat(dir.resolve("ran")).doesNotExist();
        assertThat(sandbox.features()).extracting(Feature::name).contains(Feature.FILESYSTEM, Feature.NETWORK);
    }

    @Test
    void should_log_what_is_missing_once() {
        // given: a host no other test uses, so that its report is new
        BubblewrapHost host =
                new BubblewrapHost(Optional.empty(), "", false, Optional.of("not on this test host"), false);
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(BubblewrapSandbox.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(handler);
        try {
            // when
            new BubblewrapSandbox(EnvironmentPolicy.defaults(), GRACE, List.of(), Map.of(), host, Cgroups.host());
            new BubblewrapSandbox(EnvironmentPolicy.defaults(), GRACE, List.of(), Map.of(), host, Cgroups.host());
        } finally {
            logger.removeHandler(handler);
        }

        // then
        List<String> messages = records.stream().map(SandboxReportingTest::text).toList();
        assertThat(messages)
                .filteredOn(m -> m.startsWith("sandbox isolation on this host"))
                .hasSize(1);
        assertThat(messages)
                .contains("sandbox cannot apply filesystem isolation: not on this test host")
                .contains("sandbox cannot apply network isolation: not on this test host")
                .filteredOn(m -> m.startsWith("sandbox cannot apply filesystem isolation"))
                .hasSize(1);
    }

    private static String text(LogRecord record) {
        Object[] parameters = record.getParameters();
        return parameters == null ? record.getMessage() : String.format(record.getMessage(), parameters);
    }
}
