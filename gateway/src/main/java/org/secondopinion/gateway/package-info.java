/**
 * The gateway: the one public entry point, no database.
 * <ul>
 *   <li>{@code routing}: the route table from configuration ({@code gateway.routes.<upstream>.url|prefixes|timeout}).</li>
 *   <li>{@code edge}: {@code ApiRouter} handles {@code /api/*} in order: request id, bearer token (quarkus-oidc, on
 *       demand), route lookup, proxy; problem+json answers for 401, 404 and upstream failures.</li>
 *   <li>{@code proxy}: streaming forwarding (vertx-http-proxy), header rules, failure classification (503/504/502).</li>
 * </ul>
 * Rate limits, circuit breakers and {@code /api/v1/me} belong in {@code edge} as further steps or routes.
 */
package org.secondopinion.gateway;
