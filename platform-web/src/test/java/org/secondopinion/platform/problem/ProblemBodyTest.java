package org.secondopinion.platform.problem;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemBodyTest {

    @Test
    void hasTheRfc9457MembersInTheirOrderAndTakesExtensionsAfterThem() {
        Map<String, Object> body = ProblemBody.of(404, "Not Found", "case 7 was not found", "/api/v1/cases/7");
        body.put("requestId", "r-1");

        assertThat(body).containsExactly(Map.entry("type", "about:blank"), Map.entry("title", "Not Found"),
                Map.entry("status", 404), Map.entry("detail", "case 7 was not found"),
                Map.entry("instance", "/api/v1/cases/7"), Map.entry("requestId", "r-1"));
    }
}
