package dev.clade.orchestrator.experiment;

import static dev.clade.orchestrator.experiment.SourceRepository.read;
import static dev.clade.orchestrator.experiment.SourceRepository.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.orchestrator.campaign.EditableGlobs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRepositoryConcurrencyTest {

    static final int THREADS = 8;

    @TempDir
    Path temp;

    @Test
    void should_commit_children_of_one_parent_from_eight_threads_at_once() throws Exception {
        // given
        Path target = temp.resolve("target");
        write(target, "src/solve.py", "VALUE = 0\n");
        write(target, "README.md", "shared\n");
        try (ExperimentRepository experiments = ExperimentRepository.openOrCreate(temp.resolve("store.git"));
                ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            ObjectId base = experiments.importTarget(target.toString(), null);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<CommitOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int node = i + 1;
                Callable<CommitOutcome> experiment = () -> {
                    start.await();
                    Path work = temp.resolve("work-" + node);
                    experiments.export(base, work);
                    write(work, "src/solve.py", "VALUE = " + node + "\n");
                    return experiments.commitChild(
                            base,
                            work,
                            EditableGlobs.of(List.of("src/**")),
                            "clade/race/" + node,
                            CommitMessage.of("value " + node, "race", node, 0));
                };
                futures.add(pool.submit(experiment));
            }

            // when
            start.countDown();
            List<ObjectId> commits = new ArrayList<>();
            for (Future<CommitOutcome> future : futures) {
                commits.add(((CommitOutcome.Committed) future.get(60, TimeUnit.SECONDS)).commit());
            }

            // then
            assertThat(commits).doesNotHaveDuplicates().hasSize(THREADS);
            assertThat(experiments.branches("clade/race/")).hasSize(THREADS);
            for (int node = 1; node <= THREADS; node++) {
                ObjectId commit = commits.get(node - 1);
                assertThat(experiments.branchHead("clade/race/" + node)).contains(commit);
                Path check = temp.resolve("check-" + node);
                experiments.export(commit, check);
                assertThat(read(check, "src/solve.py")).isEqualTo("VALUE = " + node + "\n");
                assertThat(CommitMessage.trailers(experiments.message(commit)))
                        .containsEntry("Clade-Node", String.valueOf(node));
            }
        }
    }
}
