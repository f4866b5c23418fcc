package org.secondopinion.stack;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.secondopinion.infra.Ports;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The local OIDC issuer: mock-oauth2-server running in the launcher's JVM on 127.0.0.1, issuing RS256 tokens for
 * the demo identities. Its signing key lives in memory, so tokens do not survive a restart of the stack.
 */
final class OidcIssuer implements AutoCloseable {

    private final MockOAuth2Server server;
    private final int port;

    private OidcIssuer(MockOAuth2Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** @param port port on 127.0.0.1, 0 for any free one */
    static OidcIssuer start(int port) {
        int actual = port == 0 ? Ports.free() : port;
        MockOAuth2Server server = new MockOAuth2Server(OAuth2Config.Companion.fromJson(DemoIdentities.issuerConfigJson()));
        try {
            server.start(InetAddress.getByName(Ports.LOOPBACK), actual);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the OIDC issuer could not listen on " + Ports.LOOPBACK + ":" + actual
                    + " (port in use?): " + e.getMessage(), e);
        }
        return new OidcIssuer(server, actual);
    }

    /**
     * The issuer URL. It must be exactly what the services are configured with: mock-oauth2-server derives the
     * {@code iss} claim from the request's host, so clients must ask for tokens on 127.0.0.1, not localhost.
     */
    String issuerUrl() {
        return "http://" + Ports.LOOPBACK + ":" + port + "/" + DemoIdentities.ISSUER_ID;
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
