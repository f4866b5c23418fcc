package org.secondopinion.gateway.me;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.secondopinion.gateway.proxy.UpstreamProxy.UpstreamStatusException;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;

/**
 * The pieces of {@code GET /api/v1/me}, shaped from the services' answers. Every part carries a {@code status}:
 * {@code ok} with its data, or {@code unavailable} with a short reason, so a client can show what it has and say
 * what is missing instead of failing the page.
 */
public final class MeParts {

    /** Case states after which a case needs nothing more from anyone. */
    static final Set<String> FINISHED_CASE_STATES = Set.of("CLOSED", "CANCELLED");

    private MeParts() {
    }

    public static JsonObject user(String id, Collection<String> roles, String clinicId) {
        JsonObject user = new JsonObject().put("id", id).put("roles", new JsonArray(new TreeSet<>(roles).stream().toList()));
        if (clinicId != null) {
            user.put("clinicId", clinicId);
        }
        return user;
    }

    /** From a case-service page: the cases still in progress (the list is capped, see {@code complete}). */
    public static JsonObject openCases(JsonObject page) {
        JsonArray items = page.getJsonArray("items", new JsonArray());
        JsonArray open = new JsonArray();
        for (int i = 0; i < items.size(); i++) {
            JsonObject item = items.getJsonObject(i);
            if (!FINISHED_CASE_STATES.contains(item.getString("status"))) {
                open.add(item);
            }
        }
        long total = page.getLong("total", (long) items.size());
        return ok().put("items", open).put("count", open.size()).put("complete", total <= items.size());
    }

    /** From notification-service's {@code {count}}. */
    public static JsonObject unreadNotifications(JsonObject answer) {
        Long count = answer.getLong("count");
        if (count == null) {
            return unavailable(new IllegalStateException("no count"));
        }
        return ok().put("count", count);
    }

    /** From matching-service's page of the specialist's pending offers. */
    public static JsonObject pendingOffers(JsonObject page) {
        JsonArray items = page.getJsonArray("items", new JsonArray());
        return ok().put("items", items).put("count", page.getLong("total", (long) items.size()));
    }

    public static JsonObject unavailable(Throwable why) {
        String reason;
        if (why instanceof TimeoutException) {
            reason = "timeout";
        } else if (why instanceof CircuitOpenException) {
            reason = "circuit-open";
        } else if (why instanceof UpstreamStatusException status) {
            reason = "upstream-status-" + status.status();
        } else {
            reason = "error";
        }
        return new JsonObject().put("status", "unavailable").put("reason", reason);
    }

    private static JsonObject ok() {
        return new JsonObject().put("status", "ok");
    }

    /** The upstream's breaker is open: the part is not even asked for. */
    public static final class CircuitOpenException extends RuntimeException {
        public CircuitOpenException(String upstream) {
            super(upstream + " circuit open", null, false, false);
        }
    }
}
