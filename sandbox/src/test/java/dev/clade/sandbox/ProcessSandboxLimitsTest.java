package dev.clade.sandbox;

import java.time.Duration;

class ProcessSandboxLimitsTest extends SandboxLimitsContractTest {

    @Override
    Sandbox sandbox() {
        return new ProcessSandbox(EnvironmentPolicy.defaults(), Duration.ofMillis(500));
    }
}
