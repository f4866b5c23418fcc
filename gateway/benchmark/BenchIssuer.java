import no.nav.security.mock.oauth2.MockOAuth2Server;

import java.net.InetAddress;

/**
 * A throw-away OIDC issuer for the benchmark (mock-oauth2-server from the local stack's classpath): RS256 keys and
 * a token endpoint on 127.0.0.1:<port>/second-opinion. Runs until killed.
 */
public class BenchIssuer {
    public static void main(String[] args) throws Exception {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start(InetAddress.getByName("127.0.0.1"), Integer.parseInt(args[0]));
        System.out.println("issuer ready: " + server.issuerUrl("second-opinion"));
        Thread.currentThread().join();
    }
}
