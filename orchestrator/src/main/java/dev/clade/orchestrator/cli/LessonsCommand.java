package dev.clade.orchestrator.cli;

import dev.clade.memory.distill.Lesson;
import dev.clade.memory.store.LessonRecord;
import dev.clade.memory.store.LessonStore;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Lists the lessons learned, with their evidence. */
@Dependent
@Unremovable
@Command(
        name = "lessons",
        mixinStandardHelpOptions = true,
        description = "Lists the lessons distilled from evaluated nodes (of one campaign, or all), most confident"
                + " first, with the nodes they were learned from.")
public class LessonsCommand implements Callable<Integer> {

    static final int EVIDENCE_SHOWN = 5;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CAMPAIGN", description = "only this campaign's lessons")
    String campaign;

    @Option(names = "--limit", paramLabel = "N", description = "show at most N lessons (default 30)")
    int limit = 30;

    @Inject
    LessonStore lessons;

    @Override
    public Integer call() {
        List<LessonRecord> all = lessons.records(Optional.ofNullable(campaign));
        if (all.isEmpty()) {
            System.out.println("No lessons yet" + (campaign == null ? "." : " for campaign " + campaign + "."));
            return 0;
        }
        for (LessonRecord r : all.stream().limit(limit).toList()) {
            Lesson l = LessonStore.toLesson(r);
            System.out.printf(
                    "%-22s %+d  conf %.2f  %s%s%n",
                    l.kind().name().toLowerCase().replace('_', ' '),
                    l.outcomeSign(),
                    l.confidence(),
                    l.trigger(),
                    r.campaign == null ? "  (global)" : "");
            System.out.printf("    %s%n", l.lesson());
            if (!l.suggestedFix().isBlank()) {
                System.out.printf(
                        "    fix: %s%s%n",
                        l.suggestedFix(),
                        l.limit().isPresent() && l.outcomeSign() < 0 ? "  [bound the offline proposer keeps]" : "");
            }
            if (r.timesUsed > 0) {
                System.out.printf(
                        "    used by %d evaluated proposal(s); %d of their children improved%n",
                        r.timesUsed, r.timesHelpful);
            }
            if (r.model != null) {
                System.out.printf("    written by %s%n", r.model);
            }
            System.out.printf(
                    "    evidence: %s%n",
                    l.evidence().stream()
                                    .limit(EVIDENCE_SHOWN)
                                    .map(e -> e.campaign() + " node " + e.node()
                                            + (e.commit().isBlank()
                                                    ? ""
                                                    : " ("
                                                            + e.commit()
                                                                    .substring(
                                                                            0,
                                                                            Math.min(
                                                                                    10,
                                                                                    e.commit()
                                                                                            .length())) + ")"))
                                    .collect(Collectors.joining(", "))
                            + (l.evidence().size() > EVIDENCE_SHOWN
                                    ? " and " + (l.evidence().size() - EVIDENCE_SHOWN) + " more node(s)"
                                    : ""));
        }
        if (all.size() > limit) {
            System.out.printf("(%d more; --limit to see them)%n", all.size() - limit);
        }
        return 0;
    }
}
