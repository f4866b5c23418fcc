package org.secondopinion.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.junit.jupiter.api.Test;
import org.secondopinion.platform.web.StrictJson;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ProblemMappersTest {

    record CreateCase(String title, int age) {
    }

    private final ObjectMapper json = StrictJson.apply(new ObjectMapper());
    private final ProblemMappers mappers = new ProblemMappers();
    private final UriInfo uri = (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(),
            new Class<?>[]{UriInfo.class}, (proxy, method, args) -> "getPath".equals(method.getName())
                    ? "/api/v1/cases" : null);

    @Test
    void aBodyWithAnotherValueAfterTheJsonIsRefusedAndSaysSo() {
        JsonMappingException e = catchThrowableOfType(JsonMappingException.class,
                () -> json.readValue("{\"title\":\"x\",\"age\":3} {\"age\":4}", CreateCase.class));

        Map<String, Object> body = problem(mappers.unreadableJson(e, uri), 400);
        assertThat(body.get("detail").toString()).contains("request body", "nothing after it");
        assertThat(body.get("violations")).isEqualTo(List.of(Map.of("field", "body", "in", "body",
                "message", body.get("detail"))));
    }

    @Test
    void aBodyWithGarbageAfterTheJsonIsRefusedAsNotJson() {
        JsonParseException e = catchThrowableOfType(JsonParseException.class,
                () -> json.readValue("{\"title\":\"x\",\"age\":3} garbage", CreateCase.class));

        Map<String, Object> body = problem(mappers.unparsableJson(e, uri), 400);
        assertThat(body.get("detail")).isEqualTo("the request body is not valid JSON (line 1, column 23)");
    }

    @Test
    void theSameBodyWithoutGarbageIsRead() throws Exception {
        assertThat(json.readValue("{\"title\":\"x\",\"age\":3}\n", CreateCase.class))
                .isEqualTo(new CreateCase("x", 3));
    }

    @Test
    void bytesThatAreNotUtf8AreNamedAsSuch() {
        byte[] body = "{\"title\":\"caf\u00e9\",\"age\":3}".getBytes(StandardCharsets.ISO_8859_1);
        JsonMappingException inValue = catchThrowableOfType(JsonMappingException.class,
                () -> json.readValue(body, CreateCase.class));
        JsonParseException inSyntax = catchThrowableOfType(JsonParseException.class,
                () -> json.readValue(new byte[]{'{', (byte) 0xff, '}'}, CreateCase.class));

        Map<String, Object> problem = problem(mappers.unreadableJson(inValue, uri), 400);
        assertThat(problem.get("detail").toString()).startsWith("the request body is not valid UTF-8 JSON");
        assertThat(problem.get("violations").toString()).contains("field=title");
        assertThat(problem(mappers.unparsableJson(inSyntax, uri), 400).get("detail").toString())
                .startsWith("the request body is not valid UTF-8 JSON");
    }

    @Test
    void syntaxErrorsSayWhereWithoutEchoingTheBody() {
        JsonParseException e = catchThrowableOfType(JsonParseException.class,
                () -> json.readValue("{\"title\": secret-words}", CreateCase.class));

        Map<String, Object> problem = problem(mappers.unparsableJson(e, uri), 400);
        assertThat(problem.get("detail").toString()).startsWith("the request body is not valid JSON (line 1")
                .doesNotContain("secret");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheField() {
        JsonMappingException e = catchThrowableOfType(JsonMappingException.class,
                () -> json.readValue("{\"title\":\"x\",\"age\":\"old\"}", CreateCase.class));

        Map<String, Object> problem = problem(mappers.unreadableJson(e, uri), 400);
        assertThat(problem.get("detail")).isEqualTo("age must be a valid number");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> problem(Response response, int status) {
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
        Map<String, Object> body = (Map<String, Object>) response.getEntity();
        assertThat(body).containsEntry("status", status).containsEntry("instance", "/api/v1/cases");
        return body;
    }
}
