package dev.clade.orchestrator.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.memory.distill.Lesson;
import dev.clade.memory.distill.LessonKind;
import dev.clade.memory.recall.LessonRecall;
import dev.clade.memory.store.LessonStore;
import dev.clade.orchestrator.campaign.SpecReader;
import dev.clade.orchestrator.engine.CampaignRunner;
import dev.clade.orchestrator.events.ProgressListener;
import dev.clade.orchestrator.testing.EmbeddedPostgresResource;
import dev.clade.orchestrator.testing.Targets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every evaluated node of a campaign leaves lessons in PostgreSQL, merged across nodes, with their evidence. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class LessonLearningTest {

    @Inject
    CampaignRunner runner;

    @Inject
    LessonStore lessons;

    @Inject
    LessonRecall recall;

    @TempDir
    Path dir;

    @Test
    void should_learn_parameter_effects_and_failure_modes_from_a_campaign() throws Exception {
        Path target = Targets.quadratic(dir.resolve("target"), "0");
        // The evaluator crashes with a traceback-like error whenever x goes above 4.
        Files.writeString(target.resolve("score.sh"), """
                #!/bin/sh
                x=$(awk '/^x =/ { print $3 }' params.txt)
                if awk -v x="$x" 'BEGIN { exit !(x > 4) }'; then
                    echo "ValueError: x=$x is out of the stable range" >&2
                    exit 1
                fi
                awk '/^x =/ { x = $3 } END { printf "{\\"score\\": %f}\\n", -(x - 3) * (x - 3) }' params.txt
                """);
        Path spec = dir.resolve("campaign.yaml");
        Files.writeString(spec, Targets.spec("learning", target, 16, 2).replace("seed: 11", "seed: 5"));

        runner.run(SpecReader.read(spec), ProgressListener.SILENT);

        // The campaign's own lessons (the global ones, about the environment, may come from other campaigns).
        List<Lesson> learned = lessons.records(Optional.of("learning")).stream()
                .filter(r -> "learning".equals(r.campaign))
                .map(LessonStore::toLesson)
                .toList();
        assertThat(learned).isNotEmpty();
        assertThat(learned)
                .allSatisfy(l -> assertThat(l.evidence())
                        .isNotEmpty()
                        .allSatisfy(e -> assertThat(e.campaign()).isEqualTo("learning")));
        assertThat(learned).anySatisfy(l -> assertThat(l.trigger()).isIn("x up in params.txt", "x down in params.txt"));
        // Triggers are unique per campaign: near-duplicates merged instead of piling up.
        assertThat(learned.stream().map(Lesson::key).distinct().count()).isEqualTo(learned.size());
        assertThat(learned)
                .filteredOn(
                        l -> l.kind() == LessonKind.FAILURE_MODE && l.trigger().startsWith("ValueError"))
                .as("the crash's error signature, normalised so that every crash merges into one lesson")
                .singleElement()
                .satisfies(l -> {
                    assertThat(l.trigger()).isEqualTo("ValueError: x=<n> is out of the stable range");
                    assertThat(l.evidence()).hasSizeGreaterThan(1);
                });
        assertThat(lessons.records(Optional.of("no-such-campaign")))
                .as("another campaign sees only the global lessons")
                .allSatisfy(r -> assertThat(r.campaign).isNull());
        // Later proposals were given what earlier nodes taught, and those lessons were rated by their children.
        assertThat(lessons.records(Optional.of("learning")))
                .anySatisfy(r -> assertThat(r.timesUsed).isPositive());
    }

    @Test
    void should_neither_learn_nor_recall_with_memory_off() throws Exception {
        Path target = Targets.quadratic(dir.resolve("target"), "0");
        Path spec = dir.resolve("campaign.yaml");
        Files.writeString(spec, Targets.spec("forgetful", target, 4, 1) + "memory: {enabled: false}\n");

        runner.run(SpecReader.read(spec), ProgressListener.SILENT);

        assertThat(lessons.records(Optional.of("forgetful")))
                .allSatisfy(r -> assertThat(r.campaign).isNull());
        for (long node = 1; node <= 4; node++) {
            assertThat(recall.usedBy("forgetful", node))
                    .as("node %d was given no lesson", node)
                    .isEmpty();
        }
    }
}
