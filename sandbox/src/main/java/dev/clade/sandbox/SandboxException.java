package dev.clade.sandbox;

/**
 * The sandbox module's unchecked root exception: broken infrastructure, never a command's own failure
 * (which is a {@link SandboxResult}).
 */
public class SandboxException extends RuntimeException {

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
