package dev.clade.agents.coder;

/** An agent folder that cannot be used; the message names the file and every field that is wrong. */
public class AgentException extends RuntimeException {
    public AgentException(String message) {
        super(message);
    }
}
