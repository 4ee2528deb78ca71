package dev.clade.sandbox.job;

/** One look at a Slurm job. */
sealed interface SlurmPoll {

    /** Slurm knows the job and says what state it is in. */
    record Known(SlurmJobState state) implements SlurmPoll {}

    /** Slurm does not know the job id (any more): it ended so long ago that its record was purged, or it vanished. */
    record Gone() implements SlurmPoll {}

    /** Slurm did not answer (controller down or slow); the job may be fine. */
    record NoAnswer(String problem) implements SlurmPoll {}
}
