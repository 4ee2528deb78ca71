package dev.clade.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvironmentPolicyTest {

    @Test
    void should_keep_only_allowlisted_variables_and_locale_prefixes() {
        // given
        Map<String, String> host = Map.of(
                "PATH", "/bin", "HOME", "/home/u", "LC_CTYPE", "C.UTF-8", "VIRTUAL_ENV", "/venv", "EDITOR", "vi");

        // when
        Map<String, String> kept = EnvironmentPolicy.defaults().filter(host);

        // then
        assertThat(kept)
                .containsOnly(
                        Map.entry("PATH", "/bin"),
                        Map.entry("HOME", "/home/u"),
                        Map.entry("LC_CTYPE", "C.UTF-8"),
                        Map.entry("VIRTUAL_ENV", "/venv"));
    }

    @Test
    void should_drop_secrets_from_the_host() {
        // given
        Map<String, String> host = Map.of(
                "OPENAI_API_KEY", "sk",
                "GITHUB_TOKEN", "ghp",
                "AWS_SECRET_ACCESS_KEY", "aws",
                "DB_PASSWORD", "pw",
                "LC_AUTH_COOKIE", "c",
                "PATH", "/bin");

        // when
        Map<String, String> kept = EnvironmentPolicy.defaults().filter(host);

        // then
        assertThat(kept).containsOnlyKeys("PATH");
    }

    @Test
    void should_never_copy_a_secret_looking_name_even_when_allowlisted() {
        // given
        EnvironmentPolicy policy = new EnvironmentPolicy(Set.of("HF_TOKEN", "my_api_key", "NCCL_DEBUG"), Set.of());

        // when / then
        assertThat(policy.allows("HF_TOKEN")).isFalse();
        assertThat(policy.allows("my_api_key")).isFalse();
        assertThat(policy.allows("NCCL_DEBUG")).isTrue();
    }

    @Test
    void should_reject_an_empty_prefix_that_would_copy_everything() {
        assertThatThrownBy(() -> new EnvironmentPolicy(Set.of(), Set.of("")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
