package dev.clade.sandbox.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.sandbox.Termination;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading {@code scontrol show job -o}; the lines are Slurm 22.05's, shortened. */
class SlurmJobStateTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Test
    void should_read_state_reason_and_exit_code() {
        // given
        String line = "JobId=1 JobName=clade UserId=root(0) GroupId=root(0) MCS_label=N/A Priority=4294901759"
                + " Nice=0 Account=(null) QOS=(null) JobState=FAILED Reason=NonZeroExitCode Dependency=(null)"
                + " Requeue=0 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=3:0 RunTime=00:00:01 TimeLimit=00:03:00"
                + " WorkDir=/data/dir with spaces StdErr=/spool/stderr\n";

        // when / then
        assertThat(SlurmJobState.parse(line)).contains(new SlurmJobState("FAILED", "NonZeroExitCode", 3, 0));
    }

    @Test
    void should_find_nothing_in_an_answer_without_a_state() {
        assertThat(SlurmJobState.parse("slurm_load_jobs error: Invalid job id specified"))
                .isEmpty();
    }

    @Test
    void should_read_exit_codes_and_signals_as_the_local_sandbox_does() {
        assertThat(state("COMPLETED", 0, 0).termination("7", TIMEOUT)).isEqualTo(new Termination.Exited(0));
        assertThat(state("FAILED", 3, 0).termination("7", TIMEOUT)).isEqualTo(new Termination.Exited(3));
        // a batch script killed by SIGKILL: Slurm 22.05 says FAILED, Reason=JobLaunchFailure, ExitCode=0:9
        assertThat(state("FAILED", 0, 9).termination("7", TIMEOUT)).isEqualTo(new Termination.Exited(137));
        assertThat(state("OUT_OF_MEMORY", 0, 0).termination("7", TIMEOUT)).isEqualTo(new Termination.Exited(137));
    }

    @Test
    void should_read_slurms_own_time_limit_as_timed_out() {
        assertThat(state("TIMEOUT", 0, 15).termination("7", TIMEOUT)).isEqualTo(new Termination.TimedOut(TIMEOUT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NODE_FAIL", "BOOT_FAIL", "PREEMPTED", "DEADLINE", "REVOKED", "SPECIAL_EXIT"})
    void should_read_an_end_the_command_did_not_cause_as_lost(String end) {
        // when
        Termination termination = state(end, 0, 0).termination("7", TIMEOUT);

        // then
        assertThat(termination).isInstanceOf(Termination.Lost.class);
        assertThat(termination.describe()).contains("Slurm job 7 ended " + end, "JobState=" + end, "can be retried");
    }

    @Test
    void should_read_a_job_cancelled_by_someone_else_as_lost() {
        assertThat(state("CANCELLED", 0, 15).termination("7", TIMEOUT))
                .isEqualTo(new Termination.Lost("Slurm job 7 was cancelled outside Clade (scancel or an administrator)"
                        + " (JobState=CANCELLED, Reason=None)"));
    }

    @Test
    void should_read_a_failure_without_exit_code_as_lost() {
        assertThat(new SlurmJobState("FAILED", "JobLaunchFailure", 0, 0).termination("7", TIMEOUT))
                .isInstanceOf(Termination.Lost.class);
    }

    @Test
    void should_tell_waiting_running_and_final_states_apart() {
        assertThat(state("PENDING", 0, 0).started()).isFalse();
        assertThat(state("PENDING", 0, 0).finished()).isFalse();
        assertThat(state("REQUEUED", 0, 0).started()).isFalse();
        assertThat(state("RUNNING", 0, 0).started()).isTrue();
        assertThat(state("COMPLETING", 0, 0).finished()).isFalse();
        assertThat(state("COMPLETED", 0, 0).finished()).isTrue();
        assertThat(state("NODE_FAIL", 0, 0).finished()).isTrue();
    }

    private static SlurmJobState state(String state, int exitCode, int signal) {
        return new SlurmJobState(state, "None", exitCode, signal);
    }
}
