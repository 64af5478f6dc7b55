package dev.consent4j.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import org.jspecify.annotations.Nullable;

/**
 * A response wrapper that runs {@link #beforeCommit()} once, at the last moment the headers can
 * still change: before {@code sendError}, {@code sendRedirect}, {@code flushBuffer}, and before
 * the first byte or character of the body is written (after which a full buffer or the declared
 * content length can commit the response at any time). Whoever installs it calls
 * {@link #finish()} when the chain returns, for responses without a body.
 *
 * <p>A {@link #reset()} clears the headers, so the hook runs again afterwards.
 */
abstract class OnCommitResponseWrapper extends HttpServletResponseWrapper {

    private boolean hookRan;
    private @Nullable ServletOutputStream outputStream;
    private @Nullable PrintWriter writer;

    protected OnCommitResponseWrapper(HttpServletResponse response) {
        super(response);
    }

    /** Sets the headers that must go out with the response. Runs at most once (until a reset). */
    protected abstract void beforeCommit();

    /** Whether the hook has already run: headers added from now on are not revisited. */
    protected final boolean hookRan() {
        return hookRan;
    }

    /** Runs the hook if it has not run and the response is not yet committed. */
    public final void finish() {
        if (!isCommitted()) {
            runHook();
        }
    }

    private void runHook() {
        if (!hookRan) {
            hookRan = true;
            beforeCommit();
        }
    }

    @Override
    public void sendError(int sc) throws IOException {
        runHook();
        super.sendError(sc);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        runHook();
        super.sendError(sc, msg);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        runHook();
        super.sendRedirect(location);
    }

    @Override
    public void flushBuffer() throws IOException {
        runHook();
        super.flushBuffer();
    }

    @Override
    public void reset() {
        super.reset();
        hookRan = false;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (outputStream == null) {
            outputStream = new HookedOutputStream(super.getOutputStream());
        }
        return outputStream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new PrintWriter(new HookedWriter(super.getWriter()));
        }
        return writer;
    }

    private final class HookedOutputStream extends ServletOutputStream {
        private final ServletOutputStream delegate;

        HookedOutputStream(ServletOutputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(int b) throws IOException {
            runHook();
            delegate.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            runHook();
            delegate.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            runHook();
            delegate.flush();
        }

        @Override
        public void close() throws IOException {
            runHook();
            delegate.close();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            delegate.setWriteListener(listener);
        }
    }

    private final class HookedWriter extends Writer {
        private final PrintWriter delegate;

        HookedWriter(PrintWriter delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(int c) {
            runHook();
            delegate.write(c);
        }

        @Override
        public void write(char[] buffer, int off, int len) {
            runHook();
            delegate.write(buffer, off, len);
        }

        @Override
        public void write(String text, int off, int len) {
            runHook();
            delegate.write(text, off, len);
        }

        @Override
        public void flush() {
            runHook();
            delegate.flush();
        }

        @Override
        public void close() {
            runHook();
            delegate.close();
        }
    }
}
