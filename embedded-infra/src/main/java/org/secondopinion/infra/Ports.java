package org.secondopinion.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback port helpers: everything the infrastructure opens binds to 127.0.0.1 only. */
public final class Ports {

    public static final String LOOPBACK = "127.0.0.1";

    /** Lowest port handed out: above the registered ports most developer tools listen on. */
    static final int LOWEST = 10_000;

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** IANA's dynamic range, which macOS and Windows use, when the kernel does not say. */
    private static final int IANA_EPHEMERAL_LOW = 49_152;

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /**
     * A port that is free now and that no outgoing connection will take before its server binds it.
     * <p>
     * The port is picked below the kernel's ephemeral range on purpose. A port from {@code bind(0)} lies inside it,
     * and every outgoing connection (a Kafka or PostgreSQL client, a readiness probe) takes its local port from the
     * same range. A connection that takes the port between picking and binding makes the later bind fail with
     * "Address already in use": a service of the local stack then exits before it is ready (seen in CI). Ports
     * handed out by this JVM are not handed out again, since a picked port stays free until its server starts.
     */
    public static int free() {
        int high = ephemeralLow();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200 && high - LOWEST > 1_000; attempt++) {
            int candidate = LOWEST + random.nextInt(high - LOWEST);
            if (!HANDED_OUT.contains(candidate) && canBind(candidate) && HANDED_OUT.add(candidate)) {
                return candidate;
            }
        }
        return anyEphemeral();
    }

    /** The first port of the kernel's ephemeral range ({@code ip_local_port_range}), or IANA's where it is not said. */
    static int ephemeralLow() {
        try {
            // readAllLines, not readString: on JDK 17 readString returns only the first byte of this /proc file
            String[] range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return IANA_EPHEMERAL_LOW;
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // as the servers themselves bind: a connection of an earlier user in TIME_WAIT does not block them
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int anyEphemeral() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on " + LOOPBACK, e);
        }
    }

    public static boolean isOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
