package dev.clade.agents.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clade.agents.proposer.Guidance;
import dev.clade.agents.proposer.NodeSummary;
import dev.clade.agents.proposer.Operator;
import dev.clade.agents.proposer.Proposal;
import dev.clade.agents.proposer.ProposalRequest;
import dev.clade.memory.distill.Lesson;
import dev.clade.memory.distill.LessonKind;
import dev.clade.memory.distill.ParameterLimit;
import dev.clade.memory.recall.RecalledLesson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineProposerTest {

    private static final String SOLVER = """
            # clade:params begin
            TEMPERATURE = 0.5    # [0.001, 1000]
            COOLING = 0.9        # [0.5, 0.99999]
            RESTARTS = 1         # [1, 8]
            # clade:params end
            def solve(): pass
            """;

    @TempDir
    Path dir;

    private final OfflineProposer proposer = new OfflineProposer();

    @Test
    void should_change_parameters_within_bounds_and_describe_the_change() throws IOException {
        Files.writeString(dir.resolve("solver.py"), SOLVER);

        Proposal proposal = proposer.propose(request(Operator.DRAFT, root(), List.of(), List.of(), 1));

        assertThat(proposal).isInstanceOf(Proposal.Edited.class);
        Proposal.Edited edited = (Proposal.Edited) proposal;
        assertThat(edited.idea()).startsWith("draft: ").contains(" -> ");
        String after = Files.readString(dir.resolve("solver.py"));
        assertThat(after).isNotEqualTo(SOLVER).contains("def solve(): pass");
        for (Parameter p : ParameterBlocks.parse("solver.py", after)) {
            assertThat(p.value()).isBetween(p.lower(), p.upper());
        }
        assertThat(edited.meta()).containsKeys("step", "p:solver.py:COOLING", "from:solver.py:COOLING");
        assertThat(edited.meta().get("from:solver.py:COOLING")).isEqualTo("0.9");
    }

    @Test
    void should_tune_the_numbers_inside_evolve_blocks_when_there_is_no_marked_block() throws IOException {
        String program = """
                N = 26
                # EVOLVE-BLOCK-START
                def radii(n):
                    margin = 0.05
                    rounds = 40
                    return [margin * 2] * n  # 0.1 each
                # EVOLVE-BLOCK-END
                print("radius 0.5", N)
                """;
        Files.writeString(dir.resolve("solver.py"), program);

        Proposal proposal = proposer.propose(request(Operator.DRAFT, root(), List.of(), List.of(), 3));

        assertThat(proposal).isInstanceOf(Proposal.Edited.class);
        String after = Files.readString(dir.resolve("solver.py"));
        assertThat(after).isNotEqualTo(program);
        assertThat(after.lines().toList())
                .as("outside the block, strings and comments: as they were")
                .startsWith("N = 26", "# EVOLVE-BLOCK-START", "def radii(n):")
                .endsWith("# EVOLVE-BLOCK-END", "print(\"radius 0.5\", N)");
        assertThat(after).contains("# 0.1 each").containsPattern("rounds = \\d+\n");
        assertThat(((Proposal.Edited) proposal).idea()).containsAnyOf("margin", "rounds", "line6");
    }

    @Test
    void should_propose_the_same_change_for_the_same_seed() throws IOException {
        Path other = Files.createDirectories(dir.resolve("other"));
        Path first = Files.createDirectories(dir.resolve("first"));
        Files.writeString(first.resolve("solver.py"), SOLVER);
        Files.writeString(other.resolve("solver.py"), SOLVER);

        proposer.propose(request(first, Operator.IMPROVE, root(), List.of(), List.of(), 42));
        proposer.propose(request(other, Operator.IMPROVE, root(), List.of(), List.of(), 42));

        assertThat(Files.readString(first.resolve("solver.py")))
                .isEqualTo(Files.readString(other.resolve("solver.py")));
    }

    @Test
    void should_not_propose_values_past_a_bound_that_lessons_say_breaks_the_run() throws IOException {
        Lesson broke = new Lesson(
                LessonKind.FAILURE_MODE,
                "TEMPERATURE up in solver.py",
                "Moving TEMPERATURE up in solver.py (0.5 -> 3) broke the run",
                "Keep TEMPERATURE below 3",
                -1,
                List.of(new Lesson.Evidence("c", 4, "abc")),
                0.5,
                Optional.of(new ParameterLimit("solver.py", "TEMPERATURE", true, 3)));
        Guidance guidance = new Guidance(
                List.of(new RecalledLesson(1, Optional.of("c"), broke, 0, 0, 1)), List.of(), Guidance.Lookup.NONE);
        int pastWithout = 0;
        int avoided = 0;
        for (long seed = 0; seed < 40; seed++) {
            Path without = Files.createDirectories(dir.resolve("without" + seed));
            Path with = Files.createDirectories(dir.resolve("with" + seed));
            Files.writeString(without.resolve("solver.py"), SOLVER);
            Files.writeString(with.resolve("solver.py"), SOLVER);

            proposer.propose(request(without, Operator.DRAFT, root(), List.of(), List.of(), seed));
            Proposal.Edited edited = (Proposal.Edited) proposer.propose(
                    withGuidance(request(with, Operator.DRAFT, root(), List.of(), List.of(), seed), guidance));

            pastWithout += temperature(without) >= 3 ? 1 : 0;
            assertThat(temperature(with)).as("seed %d", seed).isLessThan(3);
            avoided += edited.idea().contains("avoiding what lessons say breaks the run: TEMPERATURE < 3") ? 1 : 0;
        }
        assertThat(pastWithout)
                .as("without the lesson, bold drafts go past the bound")
                .isPositive();
        assertThat(avoided).as("the idea says which bound it kept").isPositive();
    }

    @Test
    void should_decline_when_every_change_crosses_a_bound() throws IOException {
        Files.writeString(dir.resolve("solver.py"), """
                # clade:params begin
                RATE = 5    # [0, 10]
                # clade:params end
                """);
        Guidance boxedIn = new Guidance(
                List.of(
                        bound("RATE up in solver.py", new ParameterLimit("solver.py", "RATE", true, 5)),
                        bound("RATE down in solver.py", new ParameterLimit("solver.py", "RATE", false, 5))),
                List.of(),
                Guidance.Lookup.NONE);

        Proposal proposal =
                proposer.propose(withGuidance(request(Operator.IMPROVE, root(), List.of(), List.of(), 3), boxedIn));

        assertThat(proposal).isInstanceOf(Proposal.Declined.class);
        assertThat(((Proposal.Declined) proposal).reason()).contains("crosses a bound", "RATE < 5", "RATE > 5");
        assertThat(Files.readString(dir.resolve("solver.py"))).contains("RATE = 5 ");
    }

    private static RecalledLesson bound(String trigger, ParameterLimit limit) {
        Lesson l = new Lesson(
                LessonKind.FAILURE_MODE,
                trigger,
                trigger + " broke the run",
                "",
                -1,
                List.of(new Lesson.Evidence("c", 2, "abc")),
                0.5,
                Optional.of(limit));
        return new RecalledLesson(trigger.hashCode(), Optional.of("c"), l, 0, 0, 1);
    }

    @Test
    void should_not_touch_files_outside_the_editable_globs() throws IOException {
        Files.writeString(dir.resolve("evaluate.py"), SOLVER);

        Proposal proposal = proposer.propose(request(Operator.DRAFT, root(), List.of(), List.of(), 1));

        assertThat(proposal).isInstanceOf(Proposal.Declined.class);
        assertThat(((Proposal.Declined) proposal).reason()).contains("no marked parameters");
        assertThat(Files.readString(dir.resolve("evaluate.py"))).isEqualTo(SOLVER);
    }

    @Test
    void should_not_rewrite_a_host_file_through_a_linked_parameter_file(@TempDir Path host) throws IOException {
        // given an editable name that links to a file outside the work directory
        Path hostFile = Files.writeString(host.resolve("solver.py"), SOLVER);
        Files.createSymbolicLink(dir.resolve("solver.py"), hostFile);

        // when
        Proposal proposal = proposer.propose(request(Operator.DRAFT, root(), List.of(), List.of(), 1));

        // then
        assertThat(proposal).isInstanceOf(Proposal.Declined.class);
        assertThat(Files.readString(hostFile)).isEqualTo(SOLVER);
    }

    @Test
    void should_grow_the_step_after_a_success_and_shrink_it_after_failed_siblings() {
        NodeSummary grandparent = node(1, 10.0, Map.of());
        NodeSummary improved = node(2, 8.0, Map.of("step", "0.2"));
        NodeSummary worse = node(3, 9.0, Map.of());

        double afterSuccess = OfflineProposer.stepFor(request(Operator.IMPROVE, improved, grandparent, List.of(), 1));
        double afterTwoMisses =
                OfflineProposer.stepFor(request(Operator.IMPROVE, improved, grandparent, List.of(worse, worse), 1));

        assertThat(afterSuccess).isCloseTo(0.2 * OfflineProposer.GROW, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(afterTwoMisses)
                .isCloseTo(
                        0.2 * OfflineProposer.GROW * OfflineProposer.SHRINK * OfflineProposer.SHRINK,
                        org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void should_move_a_failed_node_back_toward_its_parents_values() throws IOException {
        Files.writeString(dir.resolve("solver.py"), SOLVER.replace("COOLING = 0.9 ", "COOLING = 0.5 "));
        NodeSummary failed = new NodeSummary(
                4,
                OptionalDouble.empty(),
                true,
                "crashed",
                Map.of(
                        "from:solver.py:COOLING",
                        "0.9",
                        "from:solver.py:TEMPERATURE",
                        "0.5",
                        "from:solver.py:RESTARTS",
                        "1",
                        "step",
                        "0.2"));

        Proposal proposal = proposer.propose(request(Operator.DEBUG, failed, node(1, 10.0, Map.of()), List.of(), 3));

        assertThat(proposal).isInstanceOf(Proposal.Edited.class);
        double cooling = ParameterBlocks.parse("solver.py", Files.readString(dir.resolve("solver.py"))).stream()
                .filter(p -> p.name().equals("COOLING"))
                .findFirst()
                .orElseThrow()
                .value();
        assertThat(cooling).isBetween(0.6, 0.8);
    }

    @Test
    void should_recombine_parameters_of_good_nodes() throws IOException {
        Files.writeString(dir.resolve("solver.py"), SOLVER);
        NodeSummary partner = node(
                7,
                5.0,
                Map.of("p:solver.py:TEMPERATURE", "77.0", "p:solver.py:COOLING", "0.99", "p:solver.py:RESTARTS", "6"));
        boolean recombined = false;
        for (long seed = 0; seed < 40 && !recombined; seed++) {
            Files.writeString(dir.resolve("solver.py"), SOLVER);
            Proposal p = proposer.propose(
                    request(Operator.IMPROVE, node(2, 8.0, Map.of()), null, List.of(), seed, List.of(partner)));
            recombined = ((Proposal.Edited) p).idea().startsWith("recombine with node 7");
        }
        assertThat(recombined).as("some seed recombines with the partner").isTrue();
    }

    private static NodeSummary root() {
        return new NodeSummary(0, OptionalDouble.of(10), false, "", Map.of());
    }

    private static NodeSummary node(long number, double score, Map<String, String> meta) {
        return new NodeSummary(number, OptionalDouble.of(score), false, "", meta);
    }

    private static double temperature(Path dir) throws IOException {
        return ParameterBlocks.parse("solver.py", Files.readString(dir.resolve("solver.py"))).stream()
                .filter(p -> p.name().equals("TEMPERATURE"))
                .findFirst()
                .orElseThrow()
                .value();
    }

    private static ProposalRequest withGuidance(ProposalRequest r, Guidance guidance) {
        return new ProposalRequest(
                r.campaign(),
                r.node(),
                r.goal(),
                r.workDir(),
                r.editable(),
                r.pinned(),
                r.operator(),
                r.maximize(),
                r.parent(),
                r.grandparent(),
                r.siblings(),
                r.inspirations(),
                r.seed(),
                r.parentLog(),
                guidance);
    }

    private ProposalRequest request(
            Operator op, NodeSummary parent, List<NodeSummary> siblings, List<NodeSummary> insp, long seed) {
        return request(dir, op, parent, siblings, insp, seed);
    }

    private ProposalRequest request(
            Operator op, NodeSummary parent, NodeSummary grandparent, List<NodeSummary> siblings, long seed) {
        return request(op, parent, grandparent, siblings, seed, List.of());
    }

    private ProposalRequest request(
            Operator op,
            NodeSummary parent,
            NodeSummary grandparent,
            List<NodeSummary> siblings,
            long seed,
            List<NodeSummary> inspirations) {
        return new ProposalRequest(
                "c",
                9,
                "goal",
                dir,
                path -> path.equals("solver.py"),
                java.util.List.of(),
                op,
                false,
                parent,
                Optional.ofNullable(grandparent),
                siblings,
                inspirations,
                seed,
                "",
                Guidance.none());
    }

    private static ProposalRequest request(
            Path dir, Operator op, NodeSummary parent, List<NodeSummary> siblings, List<NodeSummary> insp, long seed) {
        return new ProposalRequest(
                "c",
                9,
                "goal",
                dir,
                path -> path.equals("solver.py"),
                java.util.List.of(),
                op,
                false,
                parent,
                Optional.empty(),
                siblings,
                insp,
                seed,
                "",
                Guidance.none());
    }
}
