package dev.clade.knowledge.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageClassifierTest {

    @Test
    void should_classify_numbered_steps_as_a_workflow() {
        String body = "1. Clone the repository.\n2. Build it.\n3. Run the benchmark.\n";

        assertThat(PageClassifier.classify("Reproducing the results", body, "markdown"))
                .isEqualTo(PageType.WORKFLOW);
    }

    @Test
    void should_classify_a_how_to_title_as_a_workflow() {
        assertThat(PageClassifier.classify("How to add a new dataset", "Create a loader, register it.", "markdown"))
                .isEqualTo(PageType.WORKFLOW);
    }

    @Test
    void should_classify_installation_and_errors_as_environment() {
        assertThat(PageClassifier.classify("Installation", "Run pip install -r requirements.txt.", "markdown"))
                .isEqualTo(PageType.ENVIRONMENT);
        assertThat(PageClassifier.classify(
                        "Troubleshooting",
                        "Traceback (most recent call last): RuntimeError: CUDA out of memory.",
                        "text"))
                .isEqualTo(PageType.ENVIRONMENT);
    }

    @Test
    void should_classify_tips_and_tuning_advice_as_heuristics() {
        String body = "Prefer a warmup; avoid a learning rate above 1e-3. You should tune the batch size first.";

        assertThat(PageClassifier.classify("Training tips", body, "markdown")).isEqualTo(PageType.HEURISTIC);
        assertThat(PageClassifier.classify("Notes", body, "markdown")).isEqualTo(PageType.HEURISTIC);
    }

    @Test
    void should_classify_explanations_as_principles() {
        String body = "Residual connections help because gradients flow through the identity path.";

        assertThat(PageClassifier.classify("Why residual connections work", body, "markdown"))
                .isEqualTo(PageType.PRINCIPLE);
    }

    @Test
    void should_default_to_principle_for_prose_without_signals() {
        assertThat(PageClassifier.classify("Notes", "The model was trained on a large corpus of text.", "text"))
                .isEqualTo(PageType.PRINCIPLE);
    }

    @Test
    void should_classify_papers_as_principles_whatever_they_say() {
        assertThat(PageClassifier.classify("Installation tips", "pip install; how to tune", "paper"))
                .isEqualTo(PageType.PRINCIPLE);
    }

    @Test
    void should_classify_code_as_implementation_unless_it_is_mostly_prose() {
        String code = "def step(model):\n    loss = model()\n    loss.backward()\n";
        String prose = """
                # This file explains why the scheduler warms up the learning rate slowly.
                # Large updates at the start push the weights into a poor region of the loss.
                # A slow warmup lets the optimizer statistics settle before the full rate applies.
                """;

        assertThat(PageClassifier.classify("train.py", code, "code")).isEqualTo(PageType.IMPLEMENTATION);
        assertThat(PageClassifier.classify("notes.py", prose, "code")).isNotEqualTo(PageType.IMPLEMENTATION);
    }

    @Test
    void should_classify_a_section_that_is_mostly_a_code_block_as_implementation() {
        String body = "The core loop:\n\n```python\nfor x in data:\n    y = model(x)\n    opt.update(y)\n```\n";

        assertThat(PageClassifier.classify("Core loop", body, "markdown")).isEqualTo(PageType.IMPLEMENTATION);
    }

    @Test
    void should_weigh_the_title_more_than_the_body() {
        String body = "Because the error surface is flat, this explains why the theory holds.";

        assertThat(PageClassifier.classify("Installing on Linux", body, "markdown"))
                .isEqualTo(PageType.ENVIRONMENT);
    }

    @Test
    void should_break_ties_towards_the_more_specific_type() {
        assertThat(PageClassifier.classify("How to install", "", "markdown")).isEqualTo(PageType.ENVIRONMENT);
    }
}
