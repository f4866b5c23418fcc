package org.secondopinion.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.secondopinion.platform.problem.NotFoundProblem;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The object check of {@link ScopedTo} operations: 404 unless the service's {@link ObjectVisibility} says the caller
 * may see the object the path names. Run by {@code StrictRequests} after authentication and the role check, before
 * the content-type and parameter checks and before Quarkus REST reads or validates the body.
 */
@ApplicationScoped
public class ObjectScopes {

    private final Instance<ObjectVisibility> visibility;
    private final Instance<CurrentUser> user;
    private final Map<Method, Optional<ScopedTo>> scopes = new ConcurrentHashMap<>();
    /** The rule of each kind, found once: looking it up among the beans on every request showed in profiles. */
    private final Map<String, ObjectVisibility> rules = new ConcurrentHashMap<>();

    public ObjectScopes(Instance<ObjectVisibility> visibility, Instance<CurrentUser> user) {
        this.visibility = visibility;
        this.user = user;
    }

    /** Throws {@link NotFoundProblem} when the operation is scoped to an object the caller may not see. */
    public void check(Class<?> resourceClass, Method method, ContainerRequestContext request) {
        Optional<ScopedTo> scope = scopes.computeIfAbsent(method, m -> scopeOf(resourceClass, m));
        if (scope.isEmpty()) {
            return;
        }
        String kind = scope.get().kind();
        ObjectVisibility rule = rules.computeIfAbsent(kind, k -> visibility.stream()
                .filter(v -> k.equals(v.kind())).findFirst()
                .orElseThrow(() -> new IllegalStateException(method + " is @ScopedTo(\"" + k
                        + "\") but the service has no ObjectVisibility bean of that kind")));
        List<String> ids = request.getUriInfo().getPathParameters().get(scope.get().pathParam());
        String id = ids == null || ids.isEmpty() ? null : ids.get(0);
        Optional<UUID> uuid = uuid(id);
        if (uuid.isEmpty() || !rule.visible(uuid.get(), user.get())) {
            throw new NotFoundProblem(kind, id);
        }
    }

    static Optional<UUID> uuid(String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<ScopedTo> scopeOf(Class<?> resourceClass, Method method) {
        ScopedTo own = method.getAnnotation(ScopedTo.class);
        return Optional.ofNullable(own != null ? own : resourceClass.getAnnotation(ScopedTo.class));
    }
}
