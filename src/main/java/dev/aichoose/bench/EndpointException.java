package dev.aichoose.bench;

/** The benchmark could not run at all: unreachable, refused, unauthorized (exit 4). */
public final class EndpointException extends RuntimeException {
    public EndpointException(String message) {
        super(message);
    }
}
