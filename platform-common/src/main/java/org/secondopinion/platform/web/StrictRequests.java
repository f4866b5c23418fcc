package org.secondopinion.platform.web;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.secondopinion.platform.problem.ProblemMappers;
import org.secondopinion.platform.security.ClinicClients;
import org.secondopinion.platform.security.ObjectScopes;
import org.secondopinion.platform.security.Roles;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules every operation of every service applies to a request before its own code runs, after authentication
 * and the role check of {@code @RolesAllowed}:
 * <ol>
 *   <li>a signed token must name its subject ({@code sub}, the key of everything a user owns): 401 otherwise;</li>
 *   <li>{@code @Authenticated} means a user of the platform: a token holding none of {@link Roles#ALL} gets 403,
 *       as on every {@code @RolesAllowed} operation;</li>
 *   <li>where the {@code clinic} role is what admits the caller (the operation's roles, every platform role for
 *       {@code @Authenticated}, include it and the caller holds none of the others), the token must have been issued
 *       to a partner clinic's client ({@link ClinicClients}, its {@code azp}): 403 otherwise;</li>
 *   <li>an operation {@link org.secondopinion.platform.security.ScopedTo scoped to an object} the caller may not
 *       see answers 404 ({@link ObjectScopes}), before anything about the request itself is judged (DESIGN §3: the
 *       order of refusals);</li>
 *   <li>a body needs a {@code Content-Type} the operation consumes: without one, 415 (Quarkus REST would otherwise
 *       read it as JSON);</li>
 *   <li>query and header parameters of a typed operation parameter (numbers, booleans, UUIDs, enums, dates, also
 *       inside {@code @BeanParam} such as {@link PageParams}) must convert: 400 naming the parameter. Quarkus REST
 *       answers a failed query conversion with 404 (JAX-RS rule) and names nothing.</li>
 * </ol>
 * Every refusal is a problem body naming the header or parameter.
 */
public class StrictRequests {

    private static final Set<Class<? extends Annotation>> PARAMETER_ANNOTATIONS = Set.of(QueryParam.class,
            HeaderParam.class, PathParam.class, FormParam.class, CookieParam.class, MatrixParam.class,
            BeanParam.class, Context.class, RestQuery.class, RestHeader.class, RestPath.class, RestForm.class);

    /** What a resource method needs, worked out once per method. */
    record Shape(boolean bodyNeedsContentType, List<String> consumes, boolean anyPlatformRole,
                 List<Declared> parameters, Optional<List<String>> clinicAndOtherRoles) {

        /** The clinic role alone admits this caller: the operation allows it and none of its other roles is held. */
        boolean admitsOnlyAsClinic(SecurityIdentity identity) {
            return clinicAndOtherRoles.isPresent() && identity.hasRole(Roles.CLINIC)
                    && clinicAndOtherRoles.get().stream().noneMatch(identity::hasRole);
        }
    }

    /** A query or header parameter with a type Quarkus REST converts. */
    record Declared(String name, String in, Class<?> type) {
    }

    private final SecurityIdentity identity;
    private final ObjectScopes objects;
    private final ClinicClients clinicClients;
    private final Map<Method, Shape> shapes = new ConcurrentHashMap<>();

    public StrictRequests(SecurityIdentity identity, ObjectScopes objects, ClinicClients clinicClients) {
        this.identity = identity;
        this.objects = objects;
        this.clinicClients = clinicClients;
    }

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return Optional.empty();
        }
        Shape shape = shapes.computeIfAbsent(method, m -> shapeOf(resource.getResourceClass(), m));
        if (!identity.isAnonymous()) {
            if (identity.getPrincipal() instanceof JsonWebToken token
                    && (token.getSubject() == null || token.getSubject().isBlank())) {
                throw new AuthenticationFailedException("the token names no subject (sub)");
            }
            if (shape.anyPlatformRole() && Roles.ALL.stream().noneMatch(identity::hasRole)) {
                throw new ForbiddenException("the token holds no role of the platform");
            }
            if (shape.admitsOnlyAsClinic(identity)) {
                Object azp = identity.getPrincipal() instanceof JsonWebToken token ? token.getClaim("azp") : null;
                clinicClients.check(azp == null ? null : azp.toString());
            }
        }
        objects.check(resource.getResourceClass(), method, request);
        String path = request.getUriInfo().getPath();
        if (shape.bodyNeedsContentType() && request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null
                && hasBody(request)) {
            String message = "is required for a request body: " + String.join(", ", shape.consumes());
            return Optional.of(refuse(415, "Unsupported Media Type", "Content-Type", "header", message, path));
        }
        for (Declared parameter : shape.parameters()) {
            List<String> values = "query".equals(parameter.in())
                    ? request.getUriInfo().getQueryParameters().get(parameter.name())
                    : request.getHeaders().get(parameter.name());
            if (values == null) {
                continue;
            }
            for (String value : values) {
                Optional<String> problem = ParameterValues.problemWith(value, parameter.type());
                if (problem.isPresent()) {
                    return Optional.of(refuse(400, "Bad Request", parameter.name(), parameter.in(),
                            problem.get(), path));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean hasBody(ContainerRequestContext request) {
        return request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null;
    }

    static Response refuse(int status, String title, String name, String in, String message, String path) {
        String detail = ("header".equals(in) ? "header " : "query".equals(in) ? "query parameter " : "")
                + name + " " + message;
        Map<String, Object> body = ProblemMappers.body(status, title, detail, path);
        body.put("violations", List.of(Map.of("field", name, "in", in, "message", message)));
        return Response.status(status).type(ProblemMappers.PROBLEM_JSON).entity(body).build();
    }

    static Shape shapeOf(Class<?> resourceClass, Method method) {
        boolean hasEntity = false;
        List<Declared> declared = new ArrayList<>();
        for (Parameter parameter : method.getParameters()) {
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            HeaderParam header = parameter.getAnnotation(HeaderParam.class);
            if (query != null) {
                declared.add(new Declared(query.value(), "query", parameter.getType()));
            } else if (header != null) {
                declared.add(new Declared(header.value(), "header", parameter.getType()));
            } else if (parameter.isAnnotationPresent(BeanParam.class)) {
                declared.addAll(beanParameters(parameter.getType()));
            } else if (Arrays.stream(parameter.getAnnotations())
                    .noneMatch(a -> PARAMETER_ANNOTATIONS.contains(a.annotationType()))
                    && !isContextType(parameter.getType())) {
                hasEntity = true;
            }
        }
        declared.removeIf(d -> !ParameterValues.checked(d.type()));
        Consumes consumes = Optional.ofNullable(method.getAnnotation(Consumes.class))
                .orElse(resourceClass.getAnnotation(Consumes.class));
        List<String> types = consumes == null ? List.of(MediaType.APPLICATION_JSON) : List.of(consumes.value());
        boolean wildcard = types.stream().anyMatch(MediaType.WILDCARD::equals);
        boolean explicitRoles = method.isAnnotationPresent(RolesAllowed.class)
                || method.isAnnotationPresent(PermitAll.class);
        boolean authenticated = method.isAnnotationPresent(Authenticated.class)
                || !explicitRoles && resourceClass.isAnnotationPresent(Authenticated.class);
        RolesAllowed roles = Optional.ofNullable(method.getAnnotation(RolesAllowed.class))
                .orElse(explicitRoles ? null : resourceClass.getAnnotation(RolesAllowed.class));
        List<String> admitting = authenticated ? Roles.ALL : roles == null ? List.of() : List.of(roles.value());
        Optional<List<String>> clinicAndOthers = admitting.contains(Roles.CLINIC)
                ? Optional.of(admitting.stream().filter(r -> !r.equals(Roles.CLINIC)).toList()) : Optional.empty();
        return new Shape(hasEntity && !wildcard, types, authenticated, List.copyOf(declared), clinicAndOthers);
    }

    private static List<Declared> beanParameters(Class<?> bean) {
        List<Declared> declared = new ArrayList<>();
        for (Class<?> c = bean; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                QueryParam query = field.getAnnotation(QueryParam.class);
                HeaderParam header = field.getAnnotation(HeaderParam.class);
                if (query != null) {
                    declared.add(new Declared(query.value(), "query", field.getType()));
                } else if (header != null) {
                    declared.add(new Declared(header.value(), "header", field.getType()));
                }
            }
        }
        return declared;
    }

    /** Types Quarkus REST injects without any annotation (SSE sinks, request context, Vert.x objects). */
    private static boolean isContextType(Class<?> type) {
        String name = type.getName();
        return name.startsWith("jakarta.ws.rs.") || name.startsWith("io.vertx.")
                || name.startsWith("org.jboss.resteasy.reactive.server.");
    }

    /** Whether a query/header value converts to the declared type, the way Quarkus REST would convert it. */
    static final class ParameterValues {

        private ParameterValues() {
        }

        static boolean checked(Class<?> type) {
            return type != String.class && !type.isArray() && !java.util.Collection.class.isAssignableFrom(type)
                    && !type.getName().startsWith("jakarta.") && !type.getName().startsWith("org.jboss.");
        }

        static Optional<String> problemWith(String value, Class<?> type) {
            String v = value == null ? "" : value.trim();
            try {
                if (type == int.class || type == Integer.class) {
                    Integer.parseInt(v);
                } else if (type == long.class || type == Long.class) {
                    Long.parseLong(v);
                } else if (type == short.class || type == Short.class) {
                    Short.parseShort(v);
                } else if (type == byte.class || type == Byte.class) {
                    Byte.parseByte(v);
                } else if (type == double.class || type == Double.class || type == float.class
                        || type == Float.class) {
                    if (!Double.isFinite(Double.parseDouble(v))) {
                        return Optional.of("must be a number");
                    }
                } else if (type == boolean.class || type == Boolean.class) {
                    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                        return Optional.of("must be true or false");
                    }
                } else if (type == UUID.class) {
                    if (v.length() != 36) {
                        return Optional.of("must be a UUID");
                    }
                    UUID.fromString(v);
                } else if (type.isEnum()) {
                    return enumValue(v, type);
                } else {
                    return byFactory(v, type);
                }
                return Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.of(wholeNumber(type));
            } catch (IllegalArgumentException e) {
                return Optional.of("must be a UUID");
            }
        }

        private static String wholeNumber(Class<?> type) {
            if (type == int.class || type == Integer.class) {
                return "must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
            }
            if (type == long.class || type == Long.class) {
                return "must be a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
            }
            if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
                return "must be a number";
            }
            return "must be a whole number";
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Optional<String> enumValue(String v, Class<?> type) {
            for (Object constant : type.getEnumConstants()) {
                if (((Enum) constant).name().equals(v)) {
                    return Optional.empty();
                }
            }
            Optional<String> viaFactory = byFactory(v, type);
            return viaFactory.isEmpty() ? viaFactory
                    : Optional.of("must be one of " + Arrays.toString(type.getEnumConstants()));
        }

        /** Types with {@code fromString}/{@code valueOf}/{@code parse} or a String constructor (JAX-RS rules). */
        private static Optional<String> byFactory(String v, Class<?> type) {
            for (String factory : new String[]{"fromString", "valueOf", "parse"}) {
                for (Class<?> argument : new Class<?>[]{String.class, CharSequence.class}) {
                    Method m;
                    try {
                        m = type.getMethod(factory, argument);
                    } catch (NoSuchMethodException e) {
                        continue;
                    }
                    if (!Modifier.isStatic(m.getModifiers())) {
                        continue;
                    }
                    return invoke(() -> m.invoke(null, v), type);
                }
            }
            try {
                var constructor = type.getConstructor(String.class);
                return invoke(() -> constructor.newInstance(v), type);
            } catch (NoSuchMethodException e) {
                return Optional.empty(); // not a type we know how to check: Quarkus REST decides
            }
        }

        private interface Conversion {
            Object run() throws Exception;
        }

        private static Optional<String> invoke(Conversion conversion, Class<?> type) {
            try {
                return conversion.run() == null && !type.isEnum() ? Optional.of(mustBe(type)) : Optional.empty();
            } catch (Exception e) {
                return Optional.of(mustBe(type));
            }
        }

        private static String mustBe(Class<?> type) {
            if (type.isEnum()) {
                return "must be one of " + Arrays.toString(type.getEnumConstants());
            }
            return switch (type.getSimpleName()) {
                case "LocalDate" -> "must be a date like 2026-11-01";
                case "Instant", "OffsetDateTime", "ZonedDateTime" -> "must be a date and time like 2026-11-01T10:00:00Z";
                default -> "must be a valid " + type.getSimpleName();
            };
        }
    }
}
