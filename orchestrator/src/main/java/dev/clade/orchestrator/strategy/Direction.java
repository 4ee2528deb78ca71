package dev.clade.orchestrator.strategy;

/** Whether higher or lower scores are better. */
public enum Direction {
    MAXIMIZE,
    MINIMIZE;

    public boolean better(double a, double b) {
        return this == MAXIMIZE ? a > b : a < b;
    }

    public boolean atLeastAsGood(double a, double b) {
        return a == b || better(a, b);
    }
}
