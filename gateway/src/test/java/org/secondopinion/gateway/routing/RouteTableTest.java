package org.secondopinion.gateway.routing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTableTest {

    private final RouteTable table = new RouteTable(List.of(
            route("case-service", "http://127.0.0.1:8081", "/api/v1/cases", "/api/v1/referrals/"),
            route("specialist-service", "http://127.0.0.1:8082", "/api/v1/specialists"),
            route("cases-archive", "https://archive.example.org", "/api/v1/cases/archive")));

    @Test
    void prefixOwnsItselfAndEverythingBelowIt() {
        assertThat(table.match("/api/v1/cases")).map(Route::name).hasValue("case-service");
        assertThat(table.match("/api/v1/cases/")).map(Route::name).hasValue("case-service");
        assertThat(table.match("/api/v1/cases/1/documents")).map(Route::name).hasValue("case-service");
        assertThat(table.match("/api/v1/referrals/r1")).map(Route::name).hasValue("case-service");
    }

    @Test
    void prefixDoesNotOwnALongerSegmentName() {
        assertThat(table.match("/api/v1/casesx")).isEmpty();
        assertThat(table.match("/api/v1/specialistsfoo/1")).isEmpty();
    }

    @Test
    void unknownPathHasNoRoute() {
        assertThat(table.match("/api/v1/unknown")).isEmpty();
        assertThat(table.match("/api")).isEmpty();
        assertThat(table.match(null)).isEmpty();
    }

    @Test
    void longestPrefixWins() {
        assertThat(table.match("/api/v1/cases/archive/2024")).map(Route::name).hasValue("cases-archive");
        assertThat(table.match("/api/v1/cases/archived")).map(Route::name).hasValue("case-service");
    }

    @Test
    void upstreamUrlGivesHostPortAndTls() {
        Route plain = route("a", "http://127.0.0.1:8081", "/a");
        Route tls = route("b", "https://archive.example.org", "/b");
        Route defaultHttp = route("c", "http://svc", "/c");

        assertThat(plain).extracting(Route::host, Route::port, Route::ssl).containsExactly("127.0.0.1", 8081, false);
        assertThat(tls).extracting(Route::host, Route::port, Route::ssl).containsExactly("archive.example.org", 443, true);
        assertThat(defaultHttp.port()).isEqualTo(80);
    }

    @Test
    void badConfigurationFailsAtStartNotOnARequest() {
        assertThatThrownBy(() -> route("x", "ftp://host", "/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> route("x", "http://host", "api/v1/x")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Route route(String name, String url, String... prefixes) {
        return Route.of(name, url, List.of(prefixes), Duration.ofSeconds(5), Duration.ofSeconds(1));
    }
}
