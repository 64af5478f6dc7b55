package dev.consent4j.benchmarks;

import dev.consent4j.internal.match.HostMatcher;
import dev.consent4j.internal.match.NameMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cookie-name and host matching against a policy of 50 patterns (exact names, prefix globs, exact
 * hosts and subdomain wildcards), beside the obvious alternative: trying 50 compiled regular
 * expressions, or 50 suffix checks, one after another. Each operation matches 16 names or hosts,
 * half of them declared and half not, and the time is given per lookup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MatchingBenchmark {

    private static final int LOOKUPS = 16;

    private final NameMatcher<Integer> names;
    private final List<Pattern> nameRegexes;
    private final HostMatcher<Integer> hosts;
    private final List<String> hostPatterns;
    private final String[] cookieNames;
    private final String[] hostNames;

    /**
     * The setup a trial-level {@code @Setup} method would do, in the constructor so that every field
     * is final and assigned: JMH builds this state once per thread for each trial.
     */
    public MatchingBenchmark() {
        NameMatcher.Builder<Integer> nameBuilder = NameMatcher.builder();
        HostMatcher.Builder<Integer> hostBuilder = HostMatcher.builder();
        nameRegexes = new ArrayList<>();
        hostPatterns = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String name = i % 2 == 0 ? "_tracker" + i : "_tag" + i + "_*";
            nameBuilder.add(name, i);
            nameRegexes.add(Pattern.compile(Pattern.quote(name.replace("*", "")) + (name.endsWith("*") ? ".*" : "")));
            String host = i % 2 == 0 ? "collect" + i + ".example" : "*.ads" + i + ".example";
            hostBuilder.add(host, i);
            hostPatterns.add(host);
        }
        names = nameBuilder.build();
        hosts = hostBuilder.build();
        cookieNames = new String[LOOKUPS];
        hostNames = new String[LOOKUPS];
        for (int i = 0; i < LOOKUPS; i++) {
            int n = i * 3;
            cookieNames[i] = i % 2 == 0 ? (n % 2 == 0 ? "_tracker" + n : "_tag" + n + "_XYZ") : "undeclared" + i;
            hostNames[i] = i % 2 == 0 ? (n % 2 == 0 ? "collect" + n + ".example" : "eu.ads" + n + ".example") : "cdn" + i + ".other";
        }
    }

    @Benchmark
    @OperationsPerInvocation(LOOKUPS)
    public void cookieNameMatcher(Blackhole hole) {
        for (String name : cookieNames) {
            hole.consume(names.match(name));
        }
    }

    @Benchmark
    @OperationsPerInvocation(LOOKUPS)
    public void baselineCookieNameRegexScan(Blackhole hole) {
        for (String name : cookieNames) {
            Integer found = null;
            for (int i = 0; i < nameRegexes.size() && found == null; i++) {
                if (nameRegexes.get(i).matcher(name).matches()) {
                    found = i;
                }
            }
            hole.consume(found);
        }
    }

    @Benchmark
    @OperationsPerInvocation(LOOKUPS)
    public void hostMatcher(Blackhole hole) {
        for (String host : hostNames) {
            hole.consume(hosts.match(host));
        }
    }

    @Benchmark
    @OperationsPerInvocation(LOOKUPS)
    public void baselineHostSuffixScan(Blackhole hole) {
        for (String host : hostNames) {
            Integer found = null;
            for (int i = 0; i < hostPatterns.size() && found == null; i++) {
                String pattern = hostPatterns.get(i);
                boolean hit = pattern.startsWith("*.") ? host.endsWith(pattern.substring(1)) : host.equals(pattern);
                if (hit) {
                    found = i;
                }
            }
            hole.consume(found);
        }
    }
}
