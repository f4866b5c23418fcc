package org.secondopinion.infra;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack's services bind the ports {@link Ports#free()} picks seconds later, while their neighbours open hundreds
 * of connections: the ports must be ones no connection takes meanwhile, and never the same twice.
 */
class PortsTest {

    @Test
    void freePortsLieBelowTheRangeOutgoingConnectionsTakeTheirPortsFrom() throws IOException {
        int ephemeralLow = Ports.ephemeralLow();
        List<Socket> connections = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName(Ports.LOOPBACK))) {
            Set<Integer> connectionPorts = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                Socket socket = new Socket(Ports.LOOPBACK, server.getLocalPort());
                connections.add(socket);
                connectionPorts.add(socket.getLocalPort());
            }
            assertThat(connectionPorts).allSatisfy(port -> assertThat(port).isGreaterThanOrEqualTo(ephemeralLow));

            Set<Integer> picked = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                int port = Ports.free();
                assertThat(port).isBetween(Ports.LOWEST, ephemeralLow - 1);
                assertThat(picked.add(port)).as("port %d handed out twice", port).isTrue();
            }
            assertThat(picked).doesNotContainAnyElementsOf(connectionPorts);
            int port = picked.iterator().next();
            try (ServerSocket bound = new ServerSocket()) {
                bound.bind(new InetSocketAddress(InetAddress.getByName(Ports.LOOPBACK), port));
                assertThat(bound.getLocalPort()).isEqualTo(port);
            }
        } finally {
            for (Socket socket : connections) {
                socket.close();
            }
        }
    }
}
