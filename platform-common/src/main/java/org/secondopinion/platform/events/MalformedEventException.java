package org.secondopinion.platform.events;

/** A message that can never be processed: it goes to the dead-letter topic with this message as the reason. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedEventException(String message) {
        super(message);
    }
}
