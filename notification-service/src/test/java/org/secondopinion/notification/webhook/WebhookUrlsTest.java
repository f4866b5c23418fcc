package org.secondopinion.notification.webhook;

import org.junit.jupiter.api.Test;
import org.secondopinion.platform.problem.InvalidFieldProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookUrlsTest {

    @Test
    void httpsUrlsAreAccepted() {
        assertThat(WebhookUrls.check(" https://ehr.clinic.example:8443/hooks?tenant=7 ", false))
                .isEqualTo("https://ehr.clinic.example:8443/hooks?tenant=7");
    }

    @Test
    void plainHttpOnlyWhereAllowed() {
        assertThat(WebhookUrls.check("http://127.0.0.1:9000/hooks", true)).isEqualTo("http://127.0.0.1:9000/hooks");
        assertThatThrownBy(() -> WebhookUrls.check("http://ehr.clinic.example/hooks", false))
                .isInstanceOf(InvalidFieldProblem.class)
                .satisfies(e -> assertThat(((InvalidFieldProblem) e).field()).isEqualTo("url"))
                .hasMessageContaining("https");
    }

    @Test
    void everythingElseIsRefusedNamingUrl() {
        for (String bad : new String[]{null, "", "  ", "ftp://clinic.example/in", "mailto:hooks@clinic.example",
                "/hooks", "clinic.example/hooks", "https:///no-host", "not a url",
                "https://user:pw@clinic.example/hooks", "https://clinic.example/hooks#frag",
                "https://clinic.example/" + "x".repeat(2000)}) {
            assertThatThrownBy(() -> WebhookUrls.check(bad, true)).as(String.valueOf(bad))
                    .isInstanceOf(InvalidFieldProblem.class)
                    .satisfies(e -> assertThat(((InvalidFieldProblem) e).field()).isEqualTo("url"));
        }
    }

    @Test
    void exactlyTwoThousandCharactersIsStillAccepted() {
        String prefix = "https://clinic.example/";
        String url = prefix + "x".repeat(WebhookUrls.MAX_LENGTH - prefix.length());
        assertThat(WebhookUrls.check(url, false)).hasSize(2000);
    }
}
