package dev.clade.sandbox.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KubernetesSettingsTest {

    final KubernetesSettings.Workspace workspace =
            new KubernetesSettings.Workspace("clade-work", Path.of("/srv/clade"), "/workspace");

    @Test
    void should_map_a_working_directory_under_the_local_root_to_the_mount_path() {
        assertThat(workspace.podPath(Path.of("/srv/clade/runs/7/stage-2"))).isEqualTo("/workspace/runs/7/stage-2");
        assertThat(workspace.podPath(Path.of("/srv/clade"))).isEqualTo("/workspace");
    }

    @Test
    void should_reject_a_working_directory_off_the_volume() {
        assertThatThrownBy(() -> workspace.podPath(Path.of("/srv/clade-other/x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clade-work");
    }

    @Test
    void should_reject_a_namespace_that_is_no_kubernetes_name() {
        assertThatThrownBy(() -> KubernetesSettings.of("Clade Jobs", "python:3.12"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("namespace");
    }
}
