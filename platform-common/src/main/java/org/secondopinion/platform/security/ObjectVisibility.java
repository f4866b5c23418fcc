package org.secondopinion.platform.security;

import java.util.UUID;

/**
 * A service's answer to "may this caller see that object at all?" for the operations marked {@link ScopedTo} with
 * its {@link #kind()}. One bean per kind of object, reusing the service's own access rules; asked before the request
 * body is read. A path id that is not a UUID is not visible (404) without asking.
 */
public interface ObjectVisibility {

    /** The {@link ScopedTo#kind()} this bean answers for: {@code "case"}, {@code "webhook"}. */
    String kind();

    /** Whether the object exists and the caller may see it; {@code false} answers 404. */
    boolean visible(UUID id, CurrentUser user);
}
