package org.secondopinion.gateway.me;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.secondopinion.gateway.proxy.UpstreamProxy.UpstreamStatusException;

import java.util.List;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class MePartsTest {

    @Test
    void openCasesLeaveOutClosedAndCancelledOnes() {
        JsonObject page = new JsonObject().put("total", 3).put("items", new JsonArray()
                .add(new JsonObject().put("id", "a").put("status", "SUBMITTED"))
                .add(new JsonObject().put("id", "b").put("status", "CLOSED"))
                .add(new JsonObject().put("id", "c").put("status", "CANCELLED")));

        JsonObject part = MeParts.openCases(page);

        assertThat(part.getString("status")).isEqualTo("ok");
        assertThat(part.getInteger("count")).isEqualTo(1);
        assertThat(part.getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo("a");
        assertThat(part.getBoolean("complete")).isTrue();
    }

    @Test
    void openCasesSayWhenOnlyTheFirstPageWasSeen() {
        JsonObject page = new JsonObject().put("total", 120).put("items", new JsonArray()
                .add(new JsonObject().put("status", "DRAFT")));

        assertThat(MeParts.openCases(page).getBoolean("complete")).isFalse();
    }

    @Test
    void unreadCountAndOffersKeepTheServicesFigures() {
        assertThat(MeParts.unreadNotifications(new JsonObject().put("count", 7)).getLong("count")).isEqualTo(7);
        assertThat(MeParts.unreadNotifications(new JsonObject()).getString("status")).isEqualTo("unavailable");

        JsonObject offers = MeParts.pendingOffers(new JsonObject().put("total", 2)
                .put("items", new JsonArray().add(new JsonObject()).add(new JsonObject())));
        assertThat(offers.getLong("count")).isEqualTo(2);
        assertThat(offers.getJsonArray("items")).hasSize(2);
    }

    @Test
    void unavailablePartNamesWhyWithoutInternals() {
        assertThat(MeParts.unavailable(new TimeoutException("x")).getString("reason")).isEqualTo("timeout");
        assertThat(MeParts.unavailable(new MeParts.CircuitOpenException("s")).getString("reason"))
                .isEqualTo("circuit-open");
        assertThat(MeParts.unavailable(new UpstreamStatusException("s", 500)).getString("reason"))
                .isEqualTo("upstream-status-500");
        assertThat(MeParts.unavailable(new IllegalStateException("secret detail")).encode())
                .doesNotContain("secret detail");
    }

    @Test
    void userListsRolesSortedAndClinicOnlyWhenPresent() {
        JsonObject user = MeParts.user("specialist1", List.of("specialist", "admin"), null);

        assertThat(user.getJsonArray("roles").getList()).containsExactly("admin", "specialist");
        assertThat(user.containsKey("clinicId")).isFalse();
        assertThat(MeParts.user("clinic1", List.of("clinic"), "clinic1").getString("clinicId")).isEqualTo("clinic1");
    }
}
