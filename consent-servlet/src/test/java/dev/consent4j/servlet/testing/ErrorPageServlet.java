package dev.consent4j.servlet.testing;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** An error page that, like some shops' error pages, sets a tracking cookie of its own. */
public final class ErrorPageServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.addCookie(new Cookie("_fbp", "from-error-page"));
        response.setContentType("text/plain");
        response.getWriter().write("not found");
    }
}
