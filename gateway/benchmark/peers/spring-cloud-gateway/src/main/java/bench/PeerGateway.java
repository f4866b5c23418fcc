package bench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Spring Cloud Gateway as a peer of our gateway in its benchmark: one route to the same upstream, every request's
 * bearer token validated (signature against the issuer's keys, expiry, issuer and audience from application.yml).
 */
@SpringBootApplication
public class PeerGateway {

    public static void main(String[] args) {
        SpringApplication.run(PeerGateway.class, args);
    }

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .authorizeExchange(exchange -> exchange.anyExchange().authenticated())
                .oauth2ResourceServer(server -> server.jwt(jwt -> { }))
                .build();
    }
}
