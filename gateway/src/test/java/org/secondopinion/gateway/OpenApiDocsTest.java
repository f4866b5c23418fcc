package org.secondopinion.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** One Swagger UI at the gateway, listing every service's document fetched through {@code /openapi/<service>}. */
@QuarkusTest
class OpenApiDocsTest {

    @ParameterizedTest
    @ValueSource(strings = {"case-service", "specialist-service", "matching-service", "notification-service"})
    void eachServicesDocumentIsServedThroughTheGateway(String service) {
        Response response = given().when().get("/openapi/" + service)
                .then().statusCode(200).extract().response();

        // the stand-in echoes what it was asked
        assertThat(response.jsonPath().getString("service")).isEqualTo(service);
        assertThat(response.jsonPath().getString("path")).isEqualTo("/q/openapi");
        assertThat(response.jsonPath().getString("query")).isEqualTo("format=json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown-service", "test-limited"})
    void onlyTheConfiguredServicesAreDocumented(String service) {
        given().when().get("/openapi/" + service)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void swaggerUiListsEveryService() {
        String page = given().when().get("/q/swagger-ui/").then().statusCode(200).extract().asString();

        assertThat(page).contains("/openapi/case-service", "/openapi/specialist-service",
                "/openapi/matching-service", "/openapi/notification-service");
    }
}
