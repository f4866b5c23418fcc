package org.secondopinion.stack;

import org.secondopinion.infra.Ports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a Kubernetes Service is to a service's replicas, for the local stack: one port in front of several instances,
 * each new TCP connection handed to the next instance in turn, skipping instances that refuse connections (dead or
 * restarting). Thread per connection: test traffic, not production traffic.
 */
final class Balancer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Integer> backends = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "balancer");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    Balancer(int port) {
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(Ports.LOOPBACK), port == 0 ? Ports.free() : port),
                    200);
        } catch (IOException e) {
            throw new IllegalStateException("the balancer could not listen on port " + port + ": " + e.getMessage(), e);
        }
        threads.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    void add(int backendPort) {
        backends.add(backendPort);
    }

    void remove(int backendPort) {
        backends.remove(Integer.valueOf(backendPort));
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                client.setTcpNoDelay(true);
                threads.execute(() -> forward(client));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("balancer: " + e.getMessage());
                }
            }
        }
    }

    private void forward(Socket client) {
        Socket backend = connect();
        if (backend == null) {
            close(client);
            return;
        }
        threads.execute(() -> pipe(client, backend));
        pipe(backend, client);
    }

    /** The next instance that takes the connection, trying each once. */
    private Socket connect() {
        List<Integer> ports = List.copyOf(backends);
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get(Math.floorMod(next.getAndIncrement(), ports.size()));
            try {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(Ports.LOOPBACK, port), 1_000);
                socket.setTcpNoDelay(true);
                return socket;
            } catch (IOException e) {
                // refused: that instance is down; the next one
            }
        }
        return null;
    }

    private static void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // a side closed or reset: end the other side too
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        threads.shutdownNow();
    }
}
