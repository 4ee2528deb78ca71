package dev.clade.knowledge.page;

import java.util.EnumMap;
import java.util.Map;

/**
 * The keywords {@link PageClassifier} counts, per page type, with their weight: 2 for a keyword that
 * alone says what a page is about, 1 for a weaker hint. Keywords are lower-case word sequences;
 * punctuation is treated as a word break, so {@code apt-get} is written {@code apt get}.
 */
final class Vocabulary {

    static final Map<PageType, Map<String, Integer>> KEYWORDS = keywords();

    private Vocabulary() {}

    private static Map<PageType, Map<String, Integer>> keywords() {
        Map<PageType, Map<String, Integer>> all = new EnumMap<>(PageType.class);
        all.put(PageType.WORKFLOW, workflow());
        all.put(PageType.ENVIRONMENT, environment());
        all.put(PageType.HEURISTIC, heuristic());
        all.put(PageType.IMPLEMENTATION, implementation());
        all.put(PageType.PRINCIPLE, principle());
        return all;
    }

    private static Map<String, Integer> workflow() {
        return Map.ofEntries(
                Map.entry("how to", 2),
                Map.entry("step", 1),
                Map.entry("steps", 1),
                Map.entry("step by step", 2),
                Map.entry("tutorial", 2),
                Map.entry("walkthrough", 2),
                Map.entry("quickstart", 2),
                Map.entry("quick start", 2),
                Map.entry("getting started", 2),
                Map.entry("recipe", 2),
                Map.entry("workflow", 2),
                Map.entry("procedure", 2),
                Map.entry("guide", 1));
    }

    private static Map<String, Integer> environment() {
        return Map.ofEntries(
                Map.entry("install", 2),
                Map.entry("installation", 2),
                Map.entry("installing", 2),
                Map.entry("requirements", 2),
                Map.entry("requirement", 1),
                Map.entry("cuda", 2),
                Map.entry("version", 1),
                Map.entry("versions", 1),
                Map.entry("pip", 2),
                Map.entry("apt", 2),
                Map.entry("conda", 2),
                Map.entry("docker", 1),
                Map.entry("environment variable", 2),
                Map.entry("environment variables", 2),
                Map.entry("environment", 1),
                Map.entry("error", 2),
                Map.entry("errors", 2),
                Map.entry("traceback", 2),
                Map.entry("exception", 1),
                Map.entry("out of memory", 2),
                Map.entry("oom", 2),
                Map.entry("gpu", 1),
                Map.entry("driver", 1),
                Map.entry("hardware", 2),
                Map.entry("configuration", 1),
                Map.entry("dependencies", 1),
                Map.entry("troubleshooting", 2),
                Map.entry("setup", 1));
    }

    private static Map<String, Integer> heuristic() {
        return Map.ofEntries(
                Map.entry("tip", 2),
                Map.entry("tips", 2),
                Map.entry("rule of thumb", 2),
                Map.entry("rules of thumb", 2),
                Map.entry("prefer", 1),
                Map.entry("avoid", 1),
                Map.entry("should", 1),
                Map.entry("tune", 2),
                Map.entry("tuning", 2),
                Map.entry("learning rate", 2),
                Map.entry("heuristic", 2),
                Map.entry("heuristics", 2),
                Map.entry("best practice", 2),
                Map.entry("best practices", 2),
                Map.entry("recommend", 1),
                Map.entry("recommended", 1),
                Map.entry("trick", 2),
                Map.entry("tricks", 2),
                Map.entry("hyperparameter", 1),
                Map.entry("hyperparameters", 1));
    }

    private static Map<String, Integer> implementation() {
        return Map.ofEntries(
                Map.entry("implementation", 2),
                Map.entry("implemented", 1),
                Map.entry("implements", 1),
                Map.entry("source code", 2),
                Map.entry("internals", 2),
                Map.entry("class", 1),
                Map.entry("function", 1),
                Map.entry("method", 1),
                Map.entry("api", 1),
                Map.entry("module", 1));
    }

    private static Map<String, Integer> principle() {
        return Map.ofEntries(
                Map.entry("why", 2),
                Map.entry("theory", 2),
                Map.entry("because", 1),
                Map.entry("explanation", 2),
                Map.entry("principle", 2),
                Map.entry("principles", 2),
                Map.entry("concept", 1),
                Map.entry("concepts", 1),
                Map.entry("intuition", 2),
                Map.entry("motivation", 1),
                Map.entry("therefore", 1),
                Map.entry("theorem", 2),
                Map.entry("proof", 1),
                Map.entry("overview", 1),
                Map.entry("background", 1));
    }
}
