package dev.consent4j.servlet.testing;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Sets the cookies named in {@code ?name=} in the way {@code ?how=} says, the ways a shop's code or
 * its container set cookies: {@code add-cookie}, {@code add-header}, {@code set-header},
 * {@code after-flush}, {@code after-write}, {@code redirect}, {@code error}, {@code stream},
 * {@code async}, {@code session}.
 */
public final class CookieSettingServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String how = request.getParameter("how") == null ? "add-cookie" : request.getParameter("how");
        String[] names = request.getParameterValues("name") == null ? new String[0] : request.getParameterValues("name");
        switch (how) {
            case "add-cookie" -> addCookies(response, names);
            case "add-header" -> {
                for (String name : names) {
                    response.addHeader("Set-Cookie", name + "=v; Path=/");
                }
            }
            case "set-header" -> {
                for (String name : names) {
                    response.setHeader("Set-Cookie", name + "=v; Path=/");
                }
            }
            case "after-flush" -> {
                response.setContentType("text/plain");
                response.getWriter().write("flushed first");
                response.flushBuffer();
                addCookies(response, names);
                return;
            }
            case "after-write" -> {
                response.setContentType("text/plain");
                response.getOutputStream().write("body first".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                addCookies(response, names);
                return;
            }
            case "redirect" -> {
                addCookies(response, names);
                response.sendRedirect("/elsewhere");
                return;
            }
            case "error" -> {
                addCookies(response, names);
                response.sendError(404);
                return;
            }
            case "stream" -> {
                response.setContentType("text/plain");
                for (int i = 0; i < 200; i++) {
                    response.getWriter().write("line " + i + " of a response streamed in pieces\n");
                    if (i % 50 == 0) {
                        response.getWriter().flush();
                    }
                }
                return;
            }
            case "async" -> {
                // Like Spring MVC, start with the request and response this servlet was given; a bare
                // startAsync() would hand the async thread the container's unwrapped response.
                AsyncContext async = request.startAsync(request, response);
                async.start(() -> {
                    try {
                        addCookies((HttpServletResponse) async.getResponse(), names);
                        async.getResponse().getWriter().write("async done");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    } finally {
                        async.complete();
                    }
                });
                return;
            }
            case "session" -> request.getSession(true);
            default -> {
                response.sendError(400, "unknown how");
                return;
            }
        }
        response.setContentType("text/plain");
        response.getWriter().write("ok");
    }

    private static void addCookies(HttpServletResponse response, String[] names) {
        for (String name : names) {
            Cookie cookie = new Cookie(name, "v");
            cookie.setPath("/");
            response.addCookie(cookie);
        }
    }
}
