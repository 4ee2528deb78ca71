package dev.clade.orchestrator.cli;

import org.eclipse.microprofile.config.ConfigProvider;

/** Where this process's HTTP server listens. */
final class Addresses {

    private Addresses() {}

    static String base() {
        var config = ConfigProvider.getConfig();
        String host = config.getOptionalValue("quarkus.http.host", String.class).orElse("127.0.0.1");
        int port = config.getOptionalValue("quarkus.http.port", Integer.class).orElse(7070);
        String shown = host.equals("0.0.0.0") ? "localhost" : host;
        return "http://" + shown + ":" + port + "/";
    }
}
