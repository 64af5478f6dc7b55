package dev.consent4j.servlet.testing;

import dev.consent4j.servlet.ConsentContext;
import dev.consent4j.state.Decision;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes the request's decisions, one per line: {@code topic allowed reason}. */
public final class StateServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        StringBuilder body = new StringBuilder();
        ConsentContext context = ConsentContext.of(request);
        body.append("subject ").append(context.state().subject()).append('\n');
        body.append("jurisdiction ").append(context.signals().jurisdiction()).append('\n');
        for (Decision decision : context.state().decisions().values()) {
            body.append(decision.topic()).append(' ').append(decision.allowed()).append(' ')
                    .append(decision.reason()).append('\n');
        }
        response.getWriter().write(body.toString());
    }
}
