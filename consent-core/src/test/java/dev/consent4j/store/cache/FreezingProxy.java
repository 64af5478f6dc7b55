package dev.consent4j.store.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A TCP relay on 127.0.0.1 that can cut the connections open through it the way a lost NAT entry
 * or a dead peer does: {@link #freezeOpenConnections} stops forwarding bytes in both directions
 * without closing either socket, so neither end is told anything. Connections opened afterwards
 * are relayed normally, as a reconnect would be after the network recovered.
 */
final class FreezingProxy implements AutoCloseable {

    private final String upstreamHost;
    private final int upstreamPort;
    private final ServerSocket server;
    private final List<Relay> relays = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    FreezingProxy(String upstreamHost, int upstreamPort) throws IOException {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("freezing-proxy-accept", this::accept);
    }

    /** The port to connect to instead of the upstream one. */
    int port() {
        return server.getLocalPort();
    }

    /** How many connections have been relayed so far. */
    int connectionsAccepted() {
        return relays.size();
    }

    /** From now on, no byte passes on any connection open now, in either direction; none is closed. */
    void freezeOpenConnections() {
        relays.forEach(relay -> relay.frozen = true);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(upstreamHost, upstreamPort), 5_000);
                Relay relay = new Relay(client, upstream);
                relays.add(relay);
                daemon("freezing-proxy-up", () -> relay.pump(client, upstream));
                daemon("freezing-proxy-down", () -> relay.pump(upstream, client));
            } catch (IOException e) {
                return; // the server socket was closed
            }
        }
    }

    private final class Relay {
        private final Socket client;
        private final Socket upstream;
        private volatile boolean frozen;

        Relay(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void pump(Socket from, Socket to) {
            byte[] buffer = new byte[8192];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int read;
                while ((read = in.read(buffer)) >= 0 && !frozen) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            }
            if (frozen) {
                // Hold the bytes and both sockets, whatever either end does, until the proxy is
                // closed: like a path that silently drops every packet, a close is not passed on.
                awaitClose();
            }
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        closed.countDown();
        for (Relay relay : relays) {
            closeQuietly(relay.client);
            closeQuietly(relay.upstream);
        }
    }
}
