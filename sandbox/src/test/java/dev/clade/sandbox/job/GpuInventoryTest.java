package dev.clade.sandbox.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clade.sandbox.job.GpuInventory.Gpu;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuInventoryTest {

    private static final String TWO_H100 = """
            0, GPU-5b3c0a7e-8f1d-2c4b-9e6a-1d2f3a4b5c6d, NVIDIA H100 80GB HBM3
            1, GPU-0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f, NVIDIA H100 80GB HBM3
            """;

    @TempDir
    Path dir;

    @Test
    void should_read_nvidia_smi_csv() {
        // when
        GpuInventory inventory = GpuInventory.parse(TWO_H100);

        // then
        assertThat(inventory.gpus())
                .containsExactly(
                        new Gpu(0, "GPU-5b3c0a7e-8f1d-2c4b-9e6a-1d2f3a4b5c6d", "NVIDIA H100 80GB HBM3"),
                        new Gpu(1, "GPU-0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f", "NVIDIA H100 80GB HBM3"));
        assertThat(inventory.describe()).isEqualTo("2 GPUs (0: NVIDIA H100 80GB HBM3, 1: NVIDIA H100 80GB HBM3)");
    }

    @Test
    void should_keep_commas_in_a_gpu_name_and_skip_blank_lines() {
        assertThat(GpuInventory.parse("\n3, GPU-x, Tesla V100, PCIe\n\n").gpus())
                .containsExactly(new Gpu(3, "GPU-x", "Tesla V100, PCIe"));
    }

    @Test
    void should_reject_output_that_is_not_the_gpu_csv() {
        assertThatThrownBy(() -> GpuInventory.parse("No devices were found"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No devices were found");
        assertThatThrownBy(() -> GpuInventory.parse("x, GPU-1, A100"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index");
    }

    @Test
    void should_discover_what_the_query_prints() throws IOException {
        // given
        Path smi = script("fake-nvidia-smi", "printf '%s' '" + TWO_H100 + "'");

        // when
        GpuInventory inventory = GpuInventory.discover(List.of(smi.toString()));

        // then
        assertThat(inventory.size()).isEqualTo(2);
        assertThat(inventory.gpus().get(1).index()).isEqualTo(1);
    }

    @Test
    void should_find_no_gpu_when_nvidia_smi_fails_or_is_missing() throws IOException {
        // given: nvidia-smi's answer on a host whose driver is not loaded
        Path failing = script("failing-nvidia-smi", "echo 'NVIDIA-SMI has failed' >&2; exit 9");
        Path garbage = script("odd-nvidia-smi", "echo 'No devices were found'");

        // when / then
        assertThat(GpuInventory.discover(List.of(failing.toString())).gpus()).isEmpty();
        assertThat(GpuInventory.discover(List.of(garbage.toString())).gpus()).isEmpty();
        assertThat(GpuInventory.discover(List.of(dir.resolve("not-installed").toString()))
                        .gpus())
                .isEmpty();
        assertThat(GpuInventory.none().describe()).isEqualTo("no GPU");
    }

    @Test
    void should_reject_duplicate_indices() {
        assertThatThrownBy(() -> new GpuInventory(List.of(new Gpu(0, "a", "x"), new Gpu(0, "b", "y"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
