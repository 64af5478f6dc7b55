package dev.consent4j.servlet.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 written byte for byte on a socket of its own, for requests {@link java.net.http.HttpClient}
 * refuses to send or would tidy up: odd paths, duplicated or malformed headers, control
 * characters, non-ASCII bytes, chunked bodies. One request per connection ({@code Connection: close}),
 * so a container that closes after refusing a request never affects the next.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** A response: status, headers in order (names as sent), body decoded as UTF-8. */
    public record Response(int status, List<String[]> headers, String body) {

        public List<String> all(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }

        public Optional<String> first(String name) {
            return all(name).stream().findFirst();
        }

        @Override
        public String toString() {
            return status + " " + first("Content-Type").orElse("") + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    /**
     * Sends {@code method target HTTP/1.1} with a {@code Host} for the port, the header lines as given
     * (UTF-8, unchecked), and the body: with {@code Content-Length}, or in chunks when a header line
     * is {@code Transfer-Encoding: chunked}.
     */
    public static Response send(int port, String method, String target, List<String> headerLines, byte[] body)
            throws IOException {
        boolean chunked = headerLines.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).replace(" ", "")
                .equals("transfer-encoding:chunked"));
        StringBuilder head = new StringBuilder().append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        if (body != null && !chunked) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null && chunked) {
            for (int at = 0; at < body.length; at += 4096) {
                int length = Math.min(4096, body.length - at);
                request.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                request.write(body, at, length);
                request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else if (body != null) {
            request.writeBytes(body);
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            try {
                socket.getOutputStream().write(request.toByteArray());
                socket.getOutputStream().flush();
            } catch (SocketException e) {
                // The server answered and closed before taking the whole request; its answer may still be readable.
            }
            return parse(readAll(socket.getInputStream()), "HEAD".equals(method));
        }
    }

    /** Everything the server sends until it closes; a reset after a complete head keeps what came. */
    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
            }
        } catch (SocketException e) {
            if (indexOf(received.toByteArray(), "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) < 0) {
                throw e;
            }
        }
        return received.toByteArray();
    }

    private static Response parse(byte[] bytes, boolean head) throws IOException {
        int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            throw new IOException("no complete response head in " + bytes.length + " bytes: "
                    + new String(bytes, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
        }
        byte[] rest = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        boolean chunked = headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("Transfer-Encoding")
                && h[1].equalsIgnoreCase("chunked"));
        byte[] body = head ? new byte[0] : chunked ? dechunk(rest) : rest;
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] bytes) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < bytes.length) {
            int lineEnd = indexOf(java.util.Arrays.copyOfRange(bytes, at, bytes.length), "\r\n".getBytes(StandardCharsets.US_ASCII));
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = new String(bytes, at, lineEnd, StandardCharsets.US_ASCII).split(";")[0].trim();
            int size = Integer.parseInt(sizeLine, 16);
            if (size == 0) {
                break;
            }
            at += lineEnd + 2;
            body.write(bytes, at, Math.min(size, bytes.length - at));
            at += size + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte[] needle) {
        outer:
        for (int i = 0; i <= bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
