package org.secondopinion.infra.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for what an HTTP client library will not do on purpose: hang up mid-answer, keep a
 * connection open after its answer, or declare a body it never sends.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** Connects to 127.0.0.1:{@code port} and writes {@code head}: request line and headers, up to the blank line. */
    public static Socket send(int port, String head) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** The status line and headers of an answer, up to and including the empty line. */
    public static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed after " + head);
            }
            head.append((char) next);
        }
        return head.toString();
    }
}
