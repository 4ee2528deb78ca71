package dev.clade.sandbox;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/** The limits where no cgroup can be had: RLIMIT_NPROC in a user namespace (or, as root, watched), RLIMIT_AS. */
@ExtendWith(RequiresBubblewrap.class)
class BubblewrapWithoutCgroupLimitsTest extends SandboxLimitsContractTest {

    @Override
    Sandbox sandbox() {
        return new BubblewrapSandbox(
                EnvironmentPolicy.defaults(),
                Duration.ofMillis(500),
                List.of(),
                System.getenv(),
                BubblewrapHost.probe(),
                Cgroups.none("no cgroup in this test"));
    }
}
