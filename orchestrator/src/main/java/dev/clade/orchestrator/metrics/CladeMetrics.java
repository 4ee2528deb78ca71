package dev.clade.orchestrator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What this instance tells Prometheus ({@code /q/metrics}): experiments by outcome, stage durations, workers busy and
 * idle, reservations waiting, model calls with their tokens and dollars, lessons recalled, event-stream clients and
 * campaigns run here. Names follow Micrometer's conventions ({@code clade.experiments} is scraped as {@code
 * clade_experiments_total}); tags are the campaign's name, the stage's, the model's and the outcome, never a node or
 * a free text, so the number of series stays that of campaigns × stages.
 */
@Startup // its gauges are scraped from the start
@ApplicationScoped
public class CladeMetrics {

    /** Buckets of the stage duration histogram: from a quick check to a long training job. */
    private static final Duration[] STAGE_BUCKETS = {
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(5),
        Duration.ofMinutes(15),
        Duration.ofHours(1),
        Duration.ofHours(4)
    };

    private final MeterRegistry registry;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger idle = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();

    public CladeMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("clade.workers", busy, AtomicInteger::get)
                .tag("state", "busy")
                .description("Workers of this instance's campaigns running an experiment or a task evaluation")
                .register(registry);
        Gauge.builder("clade.workers", idle, AtomicInteger::get)
                .tag("state", "idle")
                .description("Workers of this instance's campaigns with no work: reserving it or waiting for it")
                .register(registry);
        Gauge.builder("clade.reservations.waiting", waiting, AtomicInteger::get)
                .description("Workers waiting for work in flight before the strategy can give them more")
                .register(registry);
    }

    /** An experiment (or, for hgm, one task evaluation) of {@code campaign} ended in {@code outcome}. */
    public void experimentFinished(String campaign, String outcome) {
        Counter.builder("clade.experiments")
                .tag("campaign", campaign)
                .tag("outcome", outcome.toLowerCase(Locale.ROOT))
                .description("Experiments finished, by their node's final state")
                .register(registry)
                .increment();
    }

    /** A stage of {@code campaign} ran for {@code elapsed} and ended in {@code outcome}. */
    public void stageFinished(String campaign, String stage, String outcome, Duration elapsed) {
        Timer.builder("clade.stage.duration")
                .tag("campaign", campaign)
                .tag("stage", stage)
                .tag("outcome", outcome.toLowerCase(Locale.ROOT))
                .description("How long evaluation stages ran")
                .serviceLevelObjectives(STAGE_BUCKETS)
                .register(registry)
                .record(elapsed);
    }

    /** A model call: its tokens and what it cost. */
    public void llmCall(String model, long inputTokens, long outputTokens, double dollars) {
        Counter.builder("clade.llm.calls")
                .tag("model", model)
                .description("Calls to a model")
                .register(registry)
                .increment();
        Counter.builder("clade.llm.tokens")
                .tag("model", model)
                .tag("kind", "input")
                .description("Tokens sent to and received from a model")
                .register(registry)
                .increment(inputTokens);
        Counter.builder("clade.llm.tokens")
                .tag("model", model)
                .tag("kind", "output")
                .description("Tokens sent to and received from a model")
                .register(registry)
                .increment(outputTokens);
        Counter.builder("clade.llm.cost")
                .baseUnit("dollars")
                .tag("model", model)
                .description("What model calls cost, by the model's price")
                .register(registry)
                .increment(dollars);
    }

    /** {@code count} lessons were recalled into a proposal's context or a lookup's answer. */
    public void lessonsRecalled(int count) {
        Counter.builder("clade.lessons.recalled")
                .description("Lessons recalled for proposals and lookups")
                .register(registry)
                .increment(count);
    }

    /** Registers a gauge read from {@code value} on every scrape (the campaigns run here, the event-stream clients). */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    /** A worker of a running campaign starts; it is idle until it takes work. */
    public void workerStarted() {
        idle.incrementAndGet();
    }

    /** A worker ends. */
    public void workerStopped() {
        idle.decrementAndGet();
    }

    /** An idle worker took work. */
    public void workerBusy() {
        idle.decrementAndGet();
        busy.incrementAndGet();
    }

    /** A busy worker finished its work. */
    public void workerIdle() {
        busy.decrementAndGet();
        idle.incrementAndGet();
    }

    /** A worker begins to wait for work in flight. */
    public void waitStarted() {
        waiting.incrementAndGet();
    }

    /** A worker has stopped waiting. */
    public void waitEnded() {
        waiting.decrementAndGet();
    }
}
