package dev.consent4j.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The response to a {@code HEAD}: the endpoint answers as for {@code GET}, and this drops the body
 * while keeping status and headers, including the {@code Content-Length} the body would have had.
 */
final class HeadResponse extends HttpServletResponseWrapper {

    private final CountingStream body = new CountingStream();
    private @Nullable PrintWriter writer;
    private boolean lengthSet;

    public HeadResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() {
        return body;
    }

    @Override
    public PrintWriter getWriter() {
        if (writer == null) {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            writer = new PrintWriter(new OutputStreamWriter(body, charset));
        }
        return writer;
    }

    @Override
    public void setContentLength(int length) {
        lengthSet = true;
        super.setContentLength(length);
    }

    @Override
    public void setContentLengthLong(long length) {
        lengthSet = true;
        super.setContentLengthLong(length);
    }

    @Override
    public void setHeader(String name, String value) {
        lengthSet |= name != null && name.toLowerCase(Locale.ROOT).equals("content-length");
        super.setHeader(name, value);
    }

    @Override
    public void resetBuffer() {
        super.resetBuffer();
        body.count = 0;
    }

    @Override
    public void reset() {
        super.reset();
        body.count = 0;
        lengthSet = false;
    }

    /** Gives the response the length of the dropped body, unless the endpoint set one. */
    public void finish() {
        if (writer != null) {
            writer.flush();
        }
        if (!lengthSet && !isCommitted() && body.count > 0) {
            super.setContentLengthLong(body.count);
        }
    }

    private static final class CountingStream extends ServletOutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            try {
                listener.onWritePossible();
            } catch (IOException e) {
                listener.onError(e);
            }
        }
    }
}
