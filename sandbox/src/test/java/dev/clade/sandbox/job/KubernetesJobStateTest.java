package dev.clade.sandbox.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.sandbox.Termination;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How one look at a Job and its pod reads; no API server needed. */
class KubernetesJobStateTest {

    static final Duration TIMEOUT = Duration.ofMinutes(5);

    @Test
    void should_go_on_while_the_pod_is_pending() {
        var state = new KubernetesJobState(Optional.of(aJob()), Optional.of(aPod("Pending")));

        assertThat(state.started()).isFalse();
        assertThat(state.termination("j", false, TIMEOUT)).isEmpty();
    }

    @Test
    void should_time_out_when_the_cluster_deadline_ends_a_started_job() {
        var state = new KubernetesJobState(Optional.of(failedJob("DeadlineExceeded")), Optional.empty());

        assertThat(state.termination("j", true, TIMEOUT)).contains(new Termination.TimedOut(TIMEOUT));
    }

    @Test
    void should_report_lost_when_the_deadline_passes_before_the_pod_ever_ran() {
        var state = new KubernetesJobState(Optional.of(failedJob("DeadlineExceeded")), Optional.of(aPod("Pending")));

        assertThat(state.termination("j", false, TIMEOUT))
                .get()
                .isInstanceOf(Termination.Lost.class)
                .extracting(Termination::describe)
                .asString()
                .contains("DeadlineExceeded", "Pending");
    }

    @Test
    void should_report_lost_for_a_pod_marked_as_a_disruption_target_whatever_its_exit_code() {
        Pod preempted = new PodBuilder(aPod("Failed"))
                .editStatus()
                .addNewCondition()
                .withType("DisruptionTarget")
                .withStatus("True")
                .withReason("PreemptionByScheduler")
                .endCondition()
                .addNewContainerStatus()
                .withName(KubernetesJob.CONTAINER)
                .withNewState()
                .withNewTerminated()
                .withExitCode(143)
                .endTerminated()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build();

        assertThat(new KubernetesJobState(Optional.of(aJob()), Optional.of(preempted)).termination("j", true, TIMEOUT))
                .get()
                .isInstanceOf(Termination.Lost.class)
                .extracting(Termination::describe)
                .asString()
                .contains("PreemptionByScheduler");
    }

    @Test
    void should_report_lost_for_a_job_that_is_gone() {
        assertThat(new KubernetesJobState(Optional.empty(), Optional.empty()).termination("j", true, TIMEOUT))
                .get()
                .isInstanceOf(Termination.Lost.class);
    }

    @Test
    void should_read_a_complete_job_whose_pod_is_gone_as_exit_code_zero() {
        Job complete = new JobBuilder(aJob())
                .withNewStatus()
                .addNewCondition()
                .withType("Complete")
                .withStatus("True")
                .endCondition()
                .endStatus()
                .build();

        assertThat(new KubernetesJobState(Optional.of(complete), Optional.empty()).termination("j", true, TIMEOUT))
                .contains(new Termination.Exited(0));
    }

    private static Job aJob() {
        return new JobBuilder().withNewMetadata().withName("j").endMetadata().build();
    }

    private static Job failedJob(String reason) {
        return new JobBuilder(aJob())
                .withNewStatus()
                .addNewCondition()
                .withType("Failed")
                .withStatus("True")
                .withReason(reason)
                .withMessage("Job was active longer than specified deadline")
                .endCondition()
                .endStatus()
                .build();
    }

    private static Pod aPod(String phase) {
        return new PodBuilder()
                .withNewMetadata()
                .withName("j-abcde")
                .endMetadata()
                .withNewStatus()
                .withPhase(phase)
                .endStatus()
                .build();
    }
}
