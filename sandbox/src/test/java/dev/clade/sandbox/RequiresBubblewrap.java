package dev.clade.sandbox;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For tests that need a working bubblewrap: where there is none, each is skipped with a message that says so and how
 * to install it; in CI ({@code CI=true}) each fails instead, since nothing is skipped silently there.
 */
final class RequiresBubblewrap implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        BubblewrapHost host = BubblewrapHost.probe();
        if (host.usable()) {
            return;
        }
        String why = host.problem().orElse("bubblewrap does not work here");
        String test = context.getRequiredTestClass().getSimpleName() + "." + context.getDisplayName();
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(test + " needs bubblewrap, which CI (CI=true) must have: " + why);
        }
        Assumptions.abort("SKIPPED " + test + ": it needs bubblewrap (" + why
                + "); install it (apt-get install -y bubblewrap) to run it");
    }
}
