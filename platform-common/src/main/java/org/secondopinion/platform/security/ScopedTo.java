package org.secondopinion.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The operation acts on one object the path names (DESIGN §3, the order of refusals): after authentication and the
 * role check, and before the body is read, parsed or validated, the service's {@link ObjectVisibility} is asked
 * whether the caller may see the object of {@link #kind()} whose id is the path parameter {@link #pathParam()}; if
 * not, the answer is 404 as if it did not exist, whatever the body. On a resource class it holds for every operation
 * of the class; a method's own annotation wins.
 * <p>
 * The check is the coarse "may see it at all"; an operation's finer rule (only the owner changes it, only the
 * assigned specialist writes the opinion) stays in the operation and answers 404 too.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ScopedTo {

    /** The kind of object, as the service's {@link ObjectVisibility} knows it: {@code "case"}, {@code "match"}. */
    String kind();

    /** The path parameter holding the object's id. */
    String pathParam() default "id";
}
