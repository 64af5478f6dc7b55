package dev.consent4j.servlet.badrequests;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One row of the bad-request table: a request and what it must get.
 *
 * @param headers    header lines as sent ({@code Name: value}); {@code {port}} stands for the server's port
 * @param body       the body, or {@code null} for none (no {@code Content-Length})
 * @param status     the status the row expects (for {@link Expect#SERVED} and
 *                   {@link Expect#SERVED_UNDECIDED}, 200)
 * @param refusals   servers whose container (or framework) refuses this request before the
 *                   consent code runs, each with why: there any 4xx without a problem body is also
 *                   accepted; never a 5xx, never a state change
 */
public record BadRequest(String name, String method, String target, List<String> headers, byte[] body, Caller caller,
        Expect expect, int status, Map<Server, String> refusals) {

    public BadRequest {
        headers = List.copyOf(headers);
        refusals = Map.copyOf(refusals);
    }

    /** What a row must get. */
    public enum Expect {
        /** The status given, {@code application/problem+json} with status, title and detail. */
        PROBLEM,
        /** The status given with an HTML page: only the unsubscribe page, which people open from mail. */
        PAGE,
        /** Served as usual (2xx): the bad part (a forged cookie) is ignored. */
        SERVED,
        /** Served as usual, with the state of a visitor who has sent no cookie. */
        SERVED_UNDECIDED
    }

    /** Who sends the request; each server signs callers in its own way. */
    public enum Caller {
        VISITOR, CUSTOMER, OPERATOR
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BadRequest row && row.method.equals(method) && row.target.equals(target)
                && row.headers.equals(headers) && Arrays.equals(row.body, body) && row.caller == caller;
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, target, headers, Arrays.hashCode(body), caller);
    }

    /** Builds a row; starts as a visitor's request expecting a problem. */
    public static final class Builder {
        private final String name;
        private final String method;
        private final String target;
        private final List<String> headers = new ArrayList<>();
        private byte[] body;
        private Caller caller = Caller.VISITOR;
        private Expect expect = Expect.PROBLEM;
        private int status = 400;
        private final Map<Server, String> refusals = new EnumMap<>(Server.class);

        Builder(String name, String method, String target) {
            this.name = name;
            this.method = method;
            this.target = target;
        }

        public Builder header(String name, String value) {
            headers.add(name + ": " + value);
            return this;
        }

        /** A header line exactly as given, for lines that are not {@code name: value}. */
        public Builder line(String line) {
            headers.add(line);
            return this;
        }

        public Builder body(String type, String text) {
            return body(type, text.getBytes(StandardCharsets.UTF_8));
        }

        public Builder body(String type, byte[] bytes) {
            if (type != null) {
                header("Content-Type", type);
            }
            this.body = bytes;
            return this;
        }

        public Builder as(Caller caller) {
            this.caller = caller;
            return this;
        }

        public Builder problem(int status) {
            this.expect = Expect.PROBLEM;
            this.status = status;
            return this;
        }

        public Builder page(int status) {
            this.expect = Expect.PAGE;
            this.status = status;
            return this;
        }

        public Builder served() {
            this.expect = Expect.SERVED;
            this.status = 200;
            return this;
        }

        public Builder servedUndecided() {
            this.expect = Expect.SERVED_UNDECIDED;
            this.status = 200;
            return this;
        }

        /** {@code server} refuses this request itself, before the consent code; {@code why} says why. */
        public Builder refusedBy(Server server, String why) {
            refusals.put(server, why);
            return this;
        }

        public Builder refusedByAll(String why) {
            for (Server server : Server.values()) {
                refusals.put(server, why);
            }
            return this;
        }

        public BadRequest build() {
            return new BadRequest(name, method, target, headers, body, caller, expect, status, refusals);
        }
    }
}
