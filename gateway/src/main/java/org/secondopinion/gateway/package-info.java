/**
 * The gateway: the one public entry point, no database.
 * <ul>
 *   <li>{@code routing}: the route table from configuration ({@code so.gateway.routes.<upstream>.url|prefixes|timeout|
 *       rate-limit|max-body-size|breaker}).</li>
 *   <li>{@code edge}: {@code ApiRouter} handles {@code /api/*} in order: request id, bearer token (quarkus-oidc, on
 *       demand, verified tokens remembered until expiry), rate limit, route lookup or {@code /api/v1/me}, body size,
 *       circuit breaker, proxy; problem+json answers for 401, 404, 413, 429 and upstream failures.
 *       {@code SecurityHeaders} on every answer, CORS by Quarkus ({@code quarkus.http.cors.*}), {@code OpenApiDocs}
 *       feeds the one Swagger UI.</li>
 *   <li>{@code limits}: token buckets per client (bucket4j) and a circuit breaker per upstream.</li>
 *   <li>{@code me}: the {@code /api/v1/me} dashboard fan-out.</li>
 *   <li>{@code proxy}: streaming forwarding (vertx-http-proxy), header rules, failure classification (503/504/502).</li>
 * </ul>
 * Shared with the services through platform-web (never platform-common, which brings a database and Kafka): the
 * problem shape ({@code ProblemBody}), the request-id rule ({@code RequestIds}), the roles, the verified-token cache
 * ({@code VerifiedTokens}) and the injectable {@code Clock}.
 */
package org.secondopinion.gateway;
