package org.eclipse.microprofile.reactive.messaging;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A stand-in with the name of MicroProfile Reactive Messaging's {@code @Incoming}, for the fixture
 * {@code ReactiveMessagingConsumer} only: the rule matches by package name, and the platform keeps the real API off
 * its classpath.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Incoming {

    String value();
}
