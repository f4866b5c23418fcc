package org.secondopinion.notification.webhook;

import org.junit.jupiter.api.Test;
import org.secondopinion.platform.problem.InvalidFieldProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookUrlsTest {

    @Test
    void httpsUrlsAreAccepted() {
        assertThat(WebhookUrls.check(" https://ehr.clinic.example:8443/hooks?tenant=7 ", false, false))
                .isEqualTo("https://ehr.clinic.example:8443/hooks?tenant=7");
    }

    @Test
    void plainHttpOnlyWhereAllowed() {
        assertThat(WebhookUrls.check("http://127.0.0.1:9000/hooks", true, true)).isEqualTo("http://127.0.0.1:9000/hooks");
        assertThatThrownBy(() -> WebhookUrls.check("http://ehr.clinic.example/hooks", false, false))
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
            assertThatThrownBy(() -> WebhookUrls.check(bad, true, true)).as(String.valueOf(bad))
                    .isInstanceOf(InvalidFieldProblem.class)
                    .satisfies(e -> assertThat(((InvalidFieldProblem) e).field()).isEqualTo("url"));
        }
    }

    @Test
    void exactlyTwoThousandCharactersIsStillAccepted() {
        String prefix = "https://clinic.example/";
        String url = prefix + "x".repeat(WebhookUrls.MAX_LENGTH - prefix.length());
        assertThat(WebhookUrls.check(url, false, false)).hasSize(2000);
    }

    @Test
    void aHostThatPointsInsideIsRefusedNamingUrlAndTheKindOfAddress() {
        String[][] cases = {
                {"https://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"},
                {"https://10.0.0.5/admin", "10.0.0.5 is a private address"},
                {"https://172.16.3.4/", "private"},
                {"https://192.168.0.10:8443/hooks", "private"},
                {"https://127.0.0.1:8081/api", "loopback"},
                {"https://0.0.0.0:8084/", "unspecified"},
                {"https://100.64.1.2/", "shared (CGNAT)"},
                {"https://224.0.0.251/", "multicast"},
                {"https://[::1]/hooks", "[::1] is a loopback address"},
                {"https://[fd00:ec2::254]/latest", "private"},
                {"https://[fe80::1]/", "link-local"},
                {"https://[fe80::1%25eth0]/", "link-local"},
                {"https://[::ffff:169.254.169.254]/latest", "link-local"},
                {"https://[::ffff:a9fe:a9fe]/latest", "link-local"},
                {"https://[::]/", "unspecified"},
                {"https://localhost:8081/api/v1/cases", "localhost"},
                {"https://LOCALHOST/hooks", "localhost"},
                {"https://localhost./hooks", "localhost"},
                {"https://admin.localhost/hooks", "localhost"},
                // other spellings of an IPv4 address are not guessed at: only the dotted decimal one is taken
                {"https://017.0.0.1/", "four decimal numbers"},
                {"https://10.0.0.05/", "four decimal numbers"}};
        for (String[] c : cases) {
            assertThatThrownBy(() -> WebhookUrls.check(c[0], false, false)).as(c[0])
                    .isInstanceOf(InvalidFieldProblem.class)
                    .satisfies(e -> assertThat(((InvalidFieldProblem) e).field()).isEqualTo("url"))
                    .hasMessageContaining(c[1]);
        }
    }

    @Test
    void publicAddressesAndNamesAreAcceptedWithoutALookup() {
        for (String good : new String[]{"https://203.0.113.10/hooks", "https://8.8.8.8:8443/in",
                "https://[2606:4700:4700::1111]/hooks", "https://[::ffff:8.8.8.8]/hooks",
                "https://ehr.clinic.example/hooks", "https://localhost.clinic.example/hooks",
                "https://notlocalhost/hooks", "https://10.0.0.5.clinic.example/hooks"}) {
            assertThat(WebhookUrls.check(good, false, false)).as(good).isEqualTo(good);
        }
    }

    @Test
    void withPrivateAddressesAllowedLocalReceiversAreAccepted() {
        for (String local : new String[]{"http://127.0.0.1:9000/hooks", "http://localhost:9000/hooks",
                "https://10.0.0.5/admin", "https://[::1]/hooks"}) {
            assertThat(WebhookUrls.check(local, true, true)).as(local).isEqualTo(local);
        }
    }
}
