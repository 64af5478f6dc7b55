#!/usr/bin/env bash
# Produces every figure in benchmarks/README.md, each beside its baseline from the same run:
#   JMH (cookie, decisions, folding, matching, policy loading), the filter load run (Jetty on
#   127.0.0.1, no filter / pass-through / consent filter, wrk), the store runs (H2, and PostgreSQL
#   when reachable) with memory figures, how long a withdrawal takes to reach the other nodes' caches
#   (H2, and PostgreSQL and MariaDB when reachable), the growth run (append and record() cost against
#   table and history size; H2, and PostgreSQL and MariaDB when reachable), and the banner's weight
#   against npm-published banners, and the outbox (append overhead, drain rate, lag; PostgreSQL).
# Needs a JDK 17 and Maven; installs wrk, brotli and npm from Debian when they are missing.
# Results go to benchmarks/target/results/. Takes about 14 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
RESULTS=benchmarks/target/results
mkdir -p "$RESULTS"
log() { printf '\n[bench] %s\n' "$*"; }

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v brotli >/dev/null || missing+=(brotli)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

log "building benchmarks/target/benchmarks.jar"
mvn -B -q -pl benchmarks -am package -DskipTests
JAR=benchmarks/target/benchmarks.jar

# With two cores or more, the server and the load generator each get their own.
if [ "$(nproc)" -ge 2 ]; then SERVER=(taskset -c 0); WRK_CPUS=1; else SERVER=(); WRK_CPUS=""; fi

log "JMH: cookie, decisions, folding, matching, policy loading (allocation with -prof gc)"
java -jar "$JAR" -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc -rf text -rff "$RESULTS/jmh.txt" \
  'CookieBenchmark|DecisionBenchmark|MatchingBenchmark' > "$RESULTS/jmh.log"
grep -E '^Benchmark|avgt' "$RESULTS/jmh.txt" | grep -vE 'gc\.(count|time|alloc\.rate )' | tee "$RESULTS/jmh-summary.txt"

log "load run: no filter vs pass-through vs consent filter (5 rounds x 5 s, wrk -t1 -c16)"
"${SERVER[@]}" java -Xms512m -Xmx512m -cp "$JAR" dev.consent4j.benchmarks.LoadRun 5 5 16 "$WRK_CPUS" | tee "$RESULTS/load.txt"

PG_URL="${CONSENT4J_BENCH_POSTGRES_URL:-}"
if [ -z "$PG_URL" ] && command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
  PG_URL='jdbc:postgresql://127.0.0.1:5432/test?user=postgres'
fi
log "store: appends vs raw JDBC, audience of 1,000,000 vs SQL anti-join, memory${PG_URL:+ (with PostgreSQL)}"
(cd benchmarks && CONSENT4J_BENCH_POSTGRES_URL="$PG_URL" java -Xmx6g -Djol.magicFieldOffset=true \
  -cp target/benchmarks.jar dev.consent4j.benchmarks.StoreRun 1000000 2>/dev/null) | tee "$RESULTS/store.txt"

MARIADB_URL="${CONSENT4J_BENCH_MARIADB_URL:-}"
if [ -z "$MARIADB_URL" ] && (exec 3<>/dev/tcp/127.0.0.1/3306) 2>/dev/null; then
  MARIADB_URL='jdbc:mariadb://127.0.0.1:3306/test?user=root'
fi
log "invalidation: a withdrawal on node A until nodes B and C answer it (H2${PG_URL:+, PostgreSQL}${MARIADB_URL:+, MariaDB}), about 30 s"
(cd benchmarks && CONSENT4J_BENCH_POSTGRES_URL="$PG_URL" CONSENT4J_BENCH_MARIADB_URL="$MARIADB_URL" \
  java -cp target/benchmarks.jar dev.consent4j.benchmarks.InvalidationRun 200 2000 2>/dev/null) | tee "$RESULTS/invalidation.txt"
if [ -n "$PG_URL" ]; then
  log "outbox: record() with vs without, dispatcher drain with 1 and 2 nodes to a local webhook, lag (PostgreSQL)"
  (cd benchmarks && CONSENT4J_BENCH_POSTGRES_URL="$PG_URL" \
    java -cp target/benchmarks.jar dev.consent4j.benchmarks.OutboxRun 400 5 5000 300 2>/dev/null) | tee "$RESULTS/outbox.txt"
fi
log "store growth: appends at 10^3..10^6 events, record() at 10..10,000 events of history, 16 threads on one subject"
(cd benchmarks && CONSENT4J_BENCH_POSTGRES_URL="$PG_URL" CONSENT4J_BENCH_MARIADB_URL="$MARIADB_URL" java -Xmx2g \
  -cp target/benchmarks.jar dev.consent4j.benchmarks.GrowthRun 2>/dev/null) | tee "$RESULTS/growth.txt"

log "banner weight: consent4j vs npm-published banners (gzip -9, brotli -q 11)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
assets=consent-servlet/src/main/resources/META-INF/resources/consent4j
weigh() { # name, files...
  local name=$1; shift
  local raw gz br
  raw=$(cat "$@" | wc -c); gz=$(cat "$@" | gzip -9 | wc -c); br=$(cat "$@" | brotli -q 11 -c | wc -c)
  printf '| %s | %s | %s | %s |\n' "$name" "$raw" "$gz" "$br"
}
(cd "$work" && npm pack --silent vanilla-cookieconsent@3.1.0 klaro@0.7.22 cookieconsent@3.1.1 >/dev/null 2>&1 \
  && for t in *.tgz; do mkdir "${t%.tgz}" && tar xzf "$t" -C "${t%.tgz}"; done) || log "npm pack failed: no comparison"
{
  echo "| script + stylesheet | bytes | gzip -9 | brotli -q 11 |"
  echo "|---|---|---|---|"
  weigh "consent4j (consent.js + consent.css, as served)" "$assets/consent.js" "$assets/consent.css"
  if [ -d "$work/vanilla-cookieconsent-3.1.0" ]; then
    weigh "vanilla-cookieconsent 3.1.0 (cookieconsent.umd.js + cookieconsent.css)" \
      "$work/vanilla-cookieconsent-3.1.0/package/dist/cookieconsent.umd.js" "$work/vanilla-cookieconsent-3.1.0/package/dist/cookieconsent.css"
    weigh "klaro 0.7.22 (klaro.js, styles and translations included)" "$work/klaro-0.7.22/package/dist/klaro.js"
    weigh "klaro 0.7.22 (klaro-no-translations-no-css.js + klaro.min.css)" \
      "$work/klaro-0.7.22/package/dist/klaro-no-translations-no-css.js" "$work/klaro-0.7.22/package/dist/klaro.min.css"
    weigh "cookieconsent (Osano) 3.1.1 (cookieconsent.min.js + .min.css)" \
      "$work/cookieconsent-3.1.1/package/build/cookieconsent.min.js" "$work/cookieconsent-3.1.1/package/build/cookieconsent.min.css"
  fi
} | tee "$RESULTS/banner.txt"

log "done: $RESULTS ($(nproc) cores, $(java -version 2>&1 | head -n 1), $(date -u +%Y-%m-%d))"
