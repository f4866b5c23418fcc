package org.secondopinion.platform.security;

/**
 * A service's answer to "may this caller see that object at all?" for the operations marked {@link ScopedTo}. One
 * bean per service, reusing the service's own access rules; asked before the request body is read.
 */
public interface ObjectVisibility {

    /**
     * @param kind the {@link ScopedTo#kind()} of the operation
     * @param id   the path parameter's raw value (not yet converted: a malformed id is simply not visible)
     * @return whether the object exists and the caller may see it; {@code false} answers 404
     */
    boolean visible(String kind, String id, CurrentUser user);
}
