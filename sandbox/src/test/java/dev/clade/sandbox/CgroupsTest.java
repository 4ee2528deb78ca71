package dev.clade.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CgroupsTest {

    private static final List<String> CONTROLLERS = List.of(Cgroups.PIDS, Cgroups.MEMORY);

    @Test
    void should_find_each_controller_in_its_own_v1_hierarchy_before_the_unified_one() {
        // given: a hybrid host, as systemd's "hybrid" mode or an older container runtime sets it up
        String self = """
                8:pids:/
                4:memory:/jobs/42
                1:name=systemd:/
                0::/
                """;
        String mounts = """
                30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
                34 30 0:31 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
                38 30 0:35 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
                39 30 0:36 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
                40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
                """;

        // when
        Map<String, Cgroups.Group> groups = Cgroups.locate(self, mounts, CONTROLLERS);

        // then
        assertThat(groups)
                .containsEntry(Cgroups.PIDS, new Cgroups.Group(1, Path.of("/sys/fs/cgroup/pids")))
                .containsEntry(Cgroups.MEMORY, new Cgroups.Group(1, Path.of("/sys/fs/cgroup/memory/jobs/42")));
    }

    @Test
    void should_find_both_controllers_in_the_jvms_own_v2_group() {
        // given
        String self = "0::/system.slice/clade.service\n";
        String mounts = "25 22 0:23 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n";

        // when
        Map<String, Cgroups.Group> groups = Cgroups.locate(self, mounts, CONTROLLERS);

        // then
        Cgroups.Group own = new Cgroups.Group(2, Path.of("/sys/fs/cgroup/system.slice/clade.service"));
        assertThat(groups).containsEntry(Cgroups.PIDS, own).containsEntry(Cgroups.MEMORY, own);
    }

    @Test
    void should_resolve_the_group_against_the_root_of_a_bind_mounted_hierarchy() {
        // given: a container that sees only its own part of the pids hierarchy
        String self = "5:pids:/docker/abc/runner\n";
        String mounts = "41 30 0:35 /docker/abc /sys/fs/cgroup/pids ro,nosuid - cgroup cgroup rw,pids\n";

        // when
        Map<String, Cgroups.Group> groups = Cgroups.locate(self, mounts, CONTROLLERS);

        // then
        assertThat(groups)
                .containsOnly(Map.entry(Cgroups.PIDS, new Cgroups.Group(1, Path.of("/sys/fs/cgroup/pids/runner"))));
    }

    @Test
    void should_find_nothing_without_cgroup_mounts() {
        assertThat(Cgroups.locate("0::/\n", "22 1 0:21 / / rw - ext4 /dev/vda rw\n", CONTROLLERS))
                .isEmpty();
    }

    @Test
    void should_say_why_runs_get_no_cgroup() {
        // given
        Cgroups none = Cgroups.none("no cgroup here");

        // then
        assertThat(none.has(Cgroups.PIDS)).isFalse();
        assertThat(none.describe(Cgroups.MEMORY)).isEqualTo("no cgroup here");
    }
}
