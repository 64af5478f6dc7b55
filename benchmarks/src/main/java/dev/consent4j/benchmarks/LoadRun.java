package dev.consent4j.benchmarks;

import dev.consent4j.ConsentManager;
import dev.consent4j.cookie.ConsentCookie;
import dev.consent4j.cookie.ConsentCookieCodec;
import dev.consent4j.event.Action;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.servlet.ConsentFilter.CspMode;
import dev.consent4j.servlet.ConsentFilter;
import dev.consent4j.servlet.JurisdictionResolver;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.store.memory.InMemoryConsentStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;

/**
 * The filter's cost on a real server: one Jetty on 127.0.0.1 serving the same small page three
 * ways — with no filter, behind a filter that only passes the request on, and behind the consent
 * filter (valid consent cookies, response wrapping, CSP on) — loaded in turn by {@code wrk}
 * (one thread, bounded duration) over several rounds, so that drift hits every variant alike.
 * Each variant runs twice: with one consent cookie on every request, and with a different one on
 * each request, drawn in turn from a pool of {@value #POOL} cookies with random choices (a Lua
 * script; the baselines get the same script and cookies, so both sides pay the same client cost).
 *
 * <p>Prints requests per second (median over the rounds), the ratio to no filter, latency and the
 * bytes the server allocated per request (all threads, from the JVM's own counters). Arguments:
 * rounds, seconds per run, connections, and the CPU list wrk is pinned to (empty for none); start
 * this JVM pinned to other CPUs, as {@code benchmarks/run.sh} does.
 */
public final class LoadRun {

    private static final byte[] PAGE = ("<!DOCTYPE html><html lang=\"en\"><head><title>hello</title></head>"
            + "<body><h1>Hello</h1><p>A small page, as cheap to render as a page can be.</p></body></html>")
            .getBytes(StandardCharsets.UTF_8);
    private static final List<String> FILTERS = List.of("none", "pass-through", "consent");
    /** How many distinct cookies the "different cookie on each request" runs draw from. */
    static final int POOL = 100_000;
    private static final String LUA = """
            local cookies = {}
            local count = 0
            local next = 0
            function init(args)
              for line in io.lines(args[1]) do
                count = count + 1
                cookies[count] = line
              end
              next = math.random(count)
            end
            function request()
              next = next % count + 1
              return wrk.format(nil, nil, { ["Cookie"] = cookies[next] })
            end
            """;

    /** One load: a filter, and whether every request brings the same cookie or a different one. */
    private record Variant(String filter, boolean distinctCookies) {
        @Override
        public String toString() {
            return filter + (distinctCookies ? " (distinct)" : " (one)");
        }
    }

    private LoadRun() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        String wrkCpus = args.length > 3 ? args[3] : "1";

        Policy policy = Fixtures.examplePolicy();
        ConsentManager consents = ConsentManager.builder(policy, new InMemoryConsentStore()).build();
        SigningKeys keys = SigningKeys.of(SigningKey.generate("load1"));
        ConsentFilter consentFilter = ConsentFilter.builder(consents, keys)
                .jurisdictions(JurisdictionResolver.fixed(Jurisdiction.JP))
                .contentSecurityPolicy(CspMode.ENFORCE, "default-src 'self'")
                .build();
        Map<Topic, Action> choices = new LinkedHashMap<>();
        for (CookieCategory category : policy.cookieCategories()) {
            choices.put(Topic.category(category.id()), Action.GRANT);
        }
        ConsentCookieCodec codec = new ConsentCookieCodec(keys, Duration.ofDays(365));
        String cookie = "consent=" + codec.encode(ConsentCookie.of(SubjectId.newVisitor(), policy.version(), Instant.now(),
                choices, false));
        Path work = Files.createTempDirectory("consent4j-load");
        Path cookieFile = work.resolve("cookies.txt");
        Path script = work.resolve("distinct-cookies.lua");
        Files.write(cookieFile, cookiePool(codec, policy, POOL));
        Files.writeString(script, LUA);

        List<Variant> variants = new ArrayList<>();
        for (boolean distinct : new boolean[] {false, true}) {
            FILTERS.forEach(filter -> variants.add(new Variant(filter, distinct)));
        }
        QueuedThreadPool threads = new QueuedThreadPool(16, 4);
        threads.setName("load");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Sequence(
                context("/none", null), context("/pass-through", new PassThrough()), context("/consent", consentFilter)));
        server.start();
        int port = connector.getLocalPort();
        try {
            Map<Variant, List<Run>> runs = new LinkedHashMap<>();
            variants.forEach(v -> runs.put(v, new ArrayList<>()));
            for (Variant variant : variants) {
                wrk(wrkCpus, connections, seconds, port, variant, cookie, script, cookieFile); // warm-up, not counted
            }
            for (int round = 1; round <= rounds; round++) {
                // Rotate the order each round so no variant always runs first or last.
                for (int i = 0; i < variants.size(); i++) {
                    Variant variant = variants.get((i + round) % variants.size());
                    long allocatedBefore = allocatedBytes();
                    Run run = wrk(wrkCpus, connections, seconds, port, variant, cookie, script, cookieFile);
                    long allocated = allocatedBytes() - allocatedBefore;
                    runsOf(runs, variant).add(run.withAllocation(allocated / Math.max(1, run.requests())));
                    System.out.printf(Locale.ROOT, "round %d %-26s %10.0f req/s  p50 %s  p99 %s  %,d B/req%n", round, variant,
                            run.requestsPerSecond(), run.p50(), run.p99(), allocated / Math.max(1, run.requests()));
                }
            }
            System.out.println();
            System.out.println("| cookies | variant | requests/s (median) | ratio to no filter | p50 | p99 | allocated B/request |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (Variant variant : variants) {
                double baseline = median(runsOf(runs, new Variant("none", variant.distinctCookies())), Run::requestsPerSecond);
                List<Run> list = runsOf(runs, variant);
                double rps = median(list, Run::requestsPerSecond);
                Run middle = list.stream().sorted((a, b) -> Double.compare(a.requestsPerSecond(), b.requestsPerSecond()))
                        .toList().get(list.size() / 2);
                System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.3f | %s | %s | %.0f |%n",
                        variant.distinctCookies() ? "a different one per request (pool of " + POOL + ")" : "one for all requests",
                        variant.filter(), rps, rps / baseline, middle.p50(), middle.p99(),
                        median(list, r -> (double) r.allocatedPerRequest()));
            }
            System.out.printf(Locale.ROOT, "%nrounds %d x %d s, wrk -t1 -c%d, %d cores, Java %s%n", rounds, seconds, connections,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        } finally {
            server.stop();
            Files.deleteIfExists(cookieFile);
            Files.deleteIfExists(script);
            Files.deleteIfExists(work);
        }
    }

    /**
     * {@code count} valid consent cookies of distinct visitors, each with its own random choices and
     * time (within the last 30 days), as {@code Cookie} header values, one per line.
     */
    static List<String> cookiePool(ConsentCookieCodec codec, Policy policy, int count) {
        java.util.Random random = new java.util.Random(20261130);
        Instant now = Instant.now();
        List<String> lines = new ArrayList<>(count);
        Action[] actions = {Action.GRANT, Action.DENY};
        for (int i = 0; i < count; i++) {
            Map<Topic, Action> choices = new LinkedHashMap<>();
            for (CookieCategory category : policy.cookieCategories()) {
                if (category.basis().alwaysNecessary()) {
                    continue;
                }
                choices.put(Topic.category(category.id()), actions[random.nextInt(actions.length)]);
            }
            Instant madeAt = now.minusSeconds(random.nextInt(30 * 24 * 3600));
            lines.add("consent=" + codec.encode(ConsentCookie.of(SubjectId.newVisitor(), policy.version(), madeAt, choices, false)));
        }
        return lines;
    }

    private static ServletContextHandler context(String path, @Nullable Filter filter) {
        ServletContextHandler context = new ServletContextHandler(path);
        if (filter != null) {
            context.addFilter(new FilterHolder(filter), "/*",
                    EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC));
        }
        context.addServlet(new ServletHolder(new Hello()), "/hello");
        return context;
    }

    private static String url(int port, String filter) {
        return "http://127.0.0.1:" + port + "/" + filter + "/hello";
    }

    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }

    private static Run wrk(String cpus, int connections, int seconds, int port, Variant variant, String cookie, Path script,
            Path cookieFile) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (!cpus.isBlank()) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.addAll(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--latency"));
        if (variant.distinctCookies()) {
            command.addAll(List.of("-s", script.toString(), url(port, variant.filter()), "--", cookieFile.toString()));
        } else {
            command.addAll(List.of("-H", "Cookie: " + cookie, url(port, variant.filter())));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        if (output.contains("Non-2xx")) {
            throw new IllegalStateException("the server answered errors under load:\n" + output);
        }
        return Run.parse(output);
    }

    /** The runs of {@code variant}, which has its list from the start. */
    private static List<Run> runsOf(Map<Variant, List<Run>> runs, Variant variant) {
        List<Run> list = runs.get(variant);
        if (list == null) {
            throw new IllegalArgumentException("not a variant of this run: " + variant);
        }
        return list;
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> value) {
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    record Run(long requests, double requestsPerSecond, String p50, String p99, long allocatedPerRequest) {

        private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
        private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
        private static final Pattern P50 = Pattern.compile("(?m)^\\s+50%\\s+(\\S+)");
        private static final Pattern P99 = Pattern.compile("(?m)^\\s+99%\\s+(\\S+)");

        static Run parse(String output) {
            return new Run(Long.parseLong(find(REQUESTS, output)), Double.parseDouble(find(RATE, output)),
                    find(P50, output), find(P99, output), 0);
        }

        Run withAllocation(long perRequest) {
            return new Run(requests, requestsPerSecond, p50, p99, perRequest);
        }

        private static String find(Pattern pattern, String output) {
            Matcher matcher = pattern.matcher(output);
            if (!matcher.find()) {
                throw new IllegalStateException("unexpected wrk output:\n" + output);
            }
            return matcher.group(1);
        }
    }

    /** The baseline filter: does nothing but pass the request on. */
    static final class PassThrough implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            chain.doFilter(request, response);
        }
    }

    /** The page every variant serves; it also sets a declared analytics cookie, as a shop's page might. */
    static final class Hello extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/html; charset=utf-8");
            response.addHeader("Set-Cookie", "FPID=fp.1; Path=/; Max-Age=31536000; HttpOnly");
            response.setContentLength(PAGE.length);
            response.getOutputStream().write(PAGE);
        }
    }
}
