package dev.clade.orchestrator.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.memory.distill.Lesson;
import dev.clade.memory.distill.LessonKind;
import dev.clade.memory.distill.ParameterLimit;
import dev.clade.memory.distill.Trace;
import dev.clade.memory.recall.LessonRecall;
import dev.clade.memory.recall.RecallScope;
import dev.clade.memory.recall.RecalledLesson;
import dev.clade.memory.store.LessonRecord;
import dev.clade.memory.store.LessonStore;
import dev.clade.orchestrator.campaign.CampaignSpec;
import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.guidance.GuidanceService;
import dev.clade.orchestrator.testing.EmbeddedPostgresResource;
import dev.clade.orchestrator.testing.Targets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hybrid recall of lessons in PostgreSQL: words and meaning, scope, parameter bounds, helpfulness. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class LessonRecallTest {

    @Inject
    LessonStore store;

    @Inject
    LessonRecall recall;

    @Inject
    GuidanceService guidance;

    @TempDir
    Path dir;

    @Test
    void should_recall_by_words_and_by_meaning_best_first() {
        store.learn(
                "recall-a",
                List.of(
                        lesson(
                                LessonKind.FAILURE_MODE,
                                "RuntimeError: CUDA out of memory",
                                "The change broke the run:" + " RuntimeError: CUDA out of memory",
                                "Lower the batch size",
                                -1),
                        lesson(
                                LessonKind.SUCCESS_PATTERN,
                                "lr up in train.py",
                                "Moving lr up in train.py improved" + " the validation loss",
                                "Try moving lr further up",
                                1),
                        lesson(
                                LessonKind.NO_GAIN,
                                "dropout down in model.py",
                                "Moving dropout down in model.py did" + " not change the score",
                                "Spend experiments elsewhere",
                                0)));

        List<RecalledLesson> byWords = recall.recall(RecallScope.campaign("recall-a"), "CUDA out of memory", 3);
        List<RecalledLesson> byMeaning =
                recall.recall(RecallScope.campaign("recall-a"), "the GPU ran out of memory during training", 3);
        List<RecalledLesson> learningRate =
                recall.recall(RecallScope.campaign("recall-a"), "improve: lr 0.01 -> 0.02 in train.py", 3);

        assertThat(byWords)
                .first()
                .satisfies(l -> assertThat(l.lesson().trigger()).contains("CUDA out of memory"));
        assertThat(byMeaning)
                .first()
                .satisfies(l -> assertThat(l.lesson().trigger()).contains("CUDA"));
        assertThat(learningRate)
                .first()
                .satisfies(l -> assertThat(l.lesson().trigger()).isEqualTo("lr up in train.py"));
        assertThat(byWords).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
        assertThat(recall.recall(RecallScope.campaign("recall-a"), "the colour of the dashboard's buttons", 3))
                .as("nothing unrelated is recalled")
                .isEmpty();
    }

    @Test
    void should_keep_lessons_in_their_campaign_unless_global() {
        store.learn(
                "recall-b",
                List.of(lesson(
                        LessonKind.FAILURE_MODE,
                        "ZeroDivisionError: division by zero",
                        "The change broke the run: ZeroDivisionError: division by zero",
                        "Guard the divisor",
                        -1)));
        store.learn(
                "recall-c",
                List.of(lesson(
                        LessonKind.ENVIRONMENT_CONSTRAINT,
                        "ModuleNotFoundError: No module named 'numba'",
                        "The evaluator's environment lacks numba",
                        "Work within the installed modules",
                        -1)));

        assertThat(recall.recall(RecallScope.campaign("recall-c"), "ZeroDivisionError division by zero", 5))
                .noneMatch(l -> l.lesson().trigger().startsWith("ZeroDivisionError"));
        assertThat(recall.recall(RecallScope.global(), "ZeroDivisionError division by zero", 5))
                .anyMatch(l -> l.lesson().trigger().startsWith("ZeroDivisionError"));
        assertThat(recall.recall(RecallScope.campaign("recall-b"), "No module named numba", 5))
                .as("environment lessons are global")
                .anySatisfy(l -> assertThat(l.campaign()).isEmpty());
    }

    @Test
    void should_give_the_bounds_failures_taught_and_rate_lessons_by_the_children_that_used_them() {
        Lesson broke = new Lesson(
                LessonKind.FAILURE_MODE,
                "x up in params.txt",
                "Moving x up in params.txt (2 -> 6) broke the run",
                "Keep x below 6",
                -1,
                List.of(new Lesson.Evidence("recall-d", 3, "abc")),
                0.5,
                Optional.of(new ParameterLimit("params.txt", "x", true, 6)));
        store.learn("recall-d", List.of(broke));
        List<RecalledLesson> limits = recall.limits(RecallScope.campaign("recall-d"), 0.5);
        assertThat(limits)
                .singleElement()
                .satisfies(
                        l -> assertThat(l.lesson().limit()).contains(new ParameterLimit("params.txt", "x", true, 6)));
        long id = limits.get(0).id();

        recall.used("recall-d", 7, List.of(id));
        recall.used("recall-d", 7, List.of(id)); // proposing node 7 again after a crash counts once
        recall.used("recall-d", 8, List.of(id));
        recall.rate("recall-d", 7, true);
        recall.rate("recall-d", 7, true); // rated once
        recall.rate("recall-d", 8, false);

        LessonRecord row = store.records(Optional.of("recall-d")).stream()
                .filter(r -> r.id == id)
                .findFirst()
                .orElseThrow();
        assertThat(row.timesUsed).isEqualTo(2);
        assertThat(row.timesHelpful).isEqualTo(1);
        assertThat(recall.usedBy("recall-d", 7)).containsExactly(id);
    }

    @Test
    void should_merge_when_two_workers_learn_the_same_new_lesson_at_once() throws Exception {
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> both = new java.util.ArrayList<>();
            for (long node : new long[] {1, 2}) {
                both.add(pool.submit(() -> {
                    start.await();
                    store.learn(
                            "recall-e",
                            List.of(new Lesson(
                                    LessonKind.FAILURE_MODE,
                                    "KeyError: 'weights'",
                                    "The change broke the run: KeyError: 'weights'",
                                    "",
                                    -1,
                                    List.of(new Lesson.Evidence("recall-e", node, "c" + node)),
                                    0.5)));
                    return null;
                }));
            }
            start.countDown();
            for (var f : both) {
                f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.records(Optional.of("recall-e")))
                .filteredOn(r -> "recall-e".equals(r.campaign))
                .singleElement()
                .satisfies(r -> assertThat(LessonStore.toLesson(r).evidence()).hasSize(2));
    }

    @Test
    void should_weaken_a_bound_that_a_scored_node_crossed() throws Exception {
        Path target = Targets.quadratic(dir.resolve("target"), "0");
        Files.writeString(dir.resolve("c.yaml"), Targets.spec("recall-f", target, 1, 1));
        CampaignSpec spec = SpecReader.read(dir.resolve("c.yaml")).spec();
        store.learn(
                "recall-f",
                List.of(new Lesson(
                        LessonKind.FAILURE_MODE,
                        "x up in params.txt",
                        "Moving x up in params.txt (2 -> 6) broke the run",
                        "Keep x below 6",
                        -1,
                        List.of(new Lesson.Evidence("recall-f", 3, "abc")),
                        0.5,
                        Optional.of(new ParameterLimit("params.txt", "x", true, 6)))));
        assertThat(recall.limits(RecallScope.campaign("recall-f"), 0.5)).hasSize(1);
        Trace worked = new Trace(
                "recall-f",
                5,
                "def",
                "improve: x 2 -> 7",
                List.of(),
                Trace.Outcome.IMPROVED,
                "",
                "",
                OptionalDouble.of(1));

        guidance.learn(spec, worked, Map.of("params.txt:x", 7.0), Optional.empty(), "", "");

        assertThat(recall.limits(RecallScope.campaign("recall-f"), 0.5))
                .as("x = 7 worked: the bound no longer holds")
                .isEmpty();
    }

    private static Lesson lesson(LessonKind kind, String trigger, String text, String fix, int sign) {
        return new Lesson(kind, trigger, text, fix, sign, List.of(new Lesson.Evidence("t", 1, "c1")), 0.5);
    }
}
