package dev.clade.agents.llm;

/**
 * A model could not be used: the key is missing or refused, the endpoint cannot be reached, the model does not exist,
 * or retries ran out. The message names the endpoint and what to do, never the key.
 */
public class ModelException extends RuntimeException {

    private final boolean retriable;

    public ModelException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    public ModelException(String message) {
        this(message, false, null);
    }

    /** Whether a later attempt may succeed (rate limits, outages), as opposed to a refused key or unknown model. */
    public boolean retriable() {
        return retriable;
    }
}
