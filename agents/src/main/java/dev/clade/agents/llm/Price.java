package dev.clade.agents.llm;

/** US dollars per million input and output tokens. */
public record Price(double inputPerMillion, double outputPerMillion) {
    public Price {
        if (!(inputPerMillion >= 0) || !(outputPerMillion >= 0)) {
            throw new IllegalArgumentException("prices must be finite and not negative");
        }
    }

    public static final Price FREE = new Price(0, 0);

    public double cost(long inputTokens, long outputTokens) {
        return (inputTokens * inputPerMillion + outputTokens * outputPerMillion) / 1_000_000.0;
    }
}
