package dev.clade.sandbox;

import java.time.Duration;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RequiresBubblewrap.class)
class BubblewrapSandboxLimitsTest extends SandboxLimitsContractTest {

    @Override
    Sandbox sandbox() {
        return new BubblewrapSandbox(EnvironmentPolicy.defaults(), Duration.ofMillis(500));
    }
}
