#!/usr/bin/env bash
# Gateway benchmark (not part of the build): the same GET answered by an upstream called directly, through nginx as a
# reverse proxy, and through the gateway with token validation on. The upstream is a stub (nginx returning a fixed
# JSON page) unless UPSTREAM names a real service.
# Needs: wrk, nginx (apt-get install -y wrk nginx), a built gateway (./mvnw -pl gateway install -DskipTests) and
# the local stack's classpath file (./mvnw -pl local-stack install -DskipTests) for the OIDC issuer.
# Usage: gateway/benchmark/run.sh [duration=20s] [connections=32] [threads=2]
# Environment:
#   UPSTREAM=127.0.0.1:8081 ISSUER=http://127.0.0.1:8090/second-opinion TOKEN=...   the real route instead of the
#       stub: a running service (case-service of `./stack up`), its issuer and a caller's token (`./stack token ...`)
#   FLOOR=1       also measure the reference proxies in floor/ (bare Vert.x, bare Netty: no token check, no tracing)
#   PEERS=1       also measure Spring Cloud Gateway (peers/spring-cloud-gateway: same route, JWT validated), built
#                 here with Maven on first use
#   WARMUP=30s    least load before each measured run; a JVM's warm-up goes on in 10 s rounds until its JIT compiler
#                 used < 2 % of a round (at most WARMUP_MAX=180 s): on two busy cores C2 can still be compiling after
#                 a minute, and a measurement taken then counts compilation as the proxy's CPU per request;   HOLD=<seconds>   keep everything up for profiling first
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration="${1:-20s}"; connections="${2:-32}"; threads="${3:-2}"
stub_port=18181; nginx_port=18182; issuer_port=18190; gateway_port=18180; vertx_port=18183; netty_port=18184; scg_port=18185
upstream="${UPSTREAM:-127.0.0.1:$stub_port}"
work="$(mktemp -d)"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

wait_for() { # url
  for _ in $(seq 1 120); do curl -fs -o /dev/null "$1" && return 0; sleep 0.5; done
  echo "not ready: $1" >&2; exit 1
}

command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "install wrk and nginx first" >&2; exit 1; }
jar="$root/gateway/target/quarkus-app/quarkus-run.jar"
classpath_file="$root/local-stack/target/stack.classpath"
[[ -f "$jar" && ( -n "${TOKEN:-}" || -f "$classpath_file" ) ]] || { echo "build the gateway and local-stack first" >&2; exit 1; }
[[ -z "${UPSTREAM:-}" || ( -n "${ISSUER:-}" && -n "${TOKEN:-}" ) ]] || { echo "UPSTREAM needs ISSUER and TOKEN" >&2; exit 1; }

# 1. nginx: the stub upstream on $stub_port (unless UPSTREAM is given), a reverse proxy to the upstream on $nginx_port
#    (HTTP/1.1 keep-alive to the upstream, like the gateway)
stub_server=""
[[ -z "${UPSTREAM:-}" ]] && stub_server="server { listen 127.0.0.1:$stub_port; location / { default_type application/json; return 200 '{\"items\":[],\"page\":0,\"size\":20,\"total\":0}'; } }"
cat > "$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  upstream backend { server $upstream; keepalive 64; }
  $stub_server
  server {
    listen 127.0.0.1:$nginx_port;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work"

# 2. the OIDC issuer and a token (or the real route's)
issuer="${ISSUER:-http://127.0.0.1:$issuer_port/second-opinion}"
if [[ -n "${TOKEN:-}" ]]; then
  token="$TOKEN"
else
  java -cp "$(cat "$classpath_file")" "$here/BenchIssuer.java" $issuer_port > "$work/issuer.log" 2>&1 &
  pids+=($!)
  wait_for "$issuer/.well-known/openid-configuration"
  # mock-oauth2-server makes the non-OIDC scope the token's audience: the gateway requires second-opinion
  token="$(curl -fs -X POST "$issuer/token" \
    -d grant_type=client_credentials -d client_id=bench -d client_secret=bench -d scope='openid second-opinion' \
    | tr -d '\n' | sed -E 's/.*"access_token"[ ]*:[ ]*"([^"]+)".*/\1/')"
fi

# 3. the gateway, case-service's route pointing at the upstream; rate limit lifted so the proxy path is measured
java ${GATEWAY_JAVA_OPTS:-} -Dquarkus.http.port=$gateway_port -Dquarkus.http.host=127.0.0.1 \
  -Dquarkus.oidc.auth-server-url="$issuer" \
  -Dso.gateway.routes.case-service.url="http://$upstream" \
  -Dso.gateway.routes.case-service.rate-limit.capacity=1000000000 \
  -Dquarkus.log.category.\"org.secondopinion.gateway\".level=WARN \
  -jar "$jar" > "$work/gateway.log" 2>&1 &
gateway_pid=$!
pids+=($gateway_pid)
wait_for "http://127.0.0.1:$gateway_port/q/health/ready"
curl -fsS -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$gateway_port/api/v1/cases" \
  || { echo "gateway refused the benchmark token" >&2; tail -20 "$work/gateway.log" >&2; exit 1; }

# 4. the reference proxies (FLOOR=1): what a JVM proxy costs here before any of the gateway's own work
floor_pids=()
if [[ -n "${FLOOR:-}" ]]; then
  libs="$(ls "$root"/gateway/target/quarkus-app/lib/main/{io.vertx.vertx-core,io.netty.netty}-*.jar | tr '\n' ':')"
  javac -d "$work/floor" -cp "$libs" "$here"/floor/*.java
  java -cp "$libs:$work/floor" BareVertxProxy $vertx_port "${upstream##*:}" > "$work/vertx.log" 2>&1 &
  vertx_pid=$!; pids+=($!); floor_pids+=($!)
  java -cp "$libs:$work/floor" NettyProxy $netty_port "${upstream##*:}" > "$work/netty.log" 2>&1 &
  netty_pid=$!; pids+=($!); floor_pids+=($!)
  for port in $vertx_port $netty_port; do
    curl -fs --retry 60 --retry-connrefused --retry-delay 1 -o /dev/null -H "Authorization: Bearer $token" \
      "http://127.0.0.1:$port/api/v1/cases" || { echo "reference proxy on $port not ready" >&2; exit 1; }
  done
fi

# 5. the peers (PEERS=1): Spring Cloud Gateway with the same route and token validation (issuer keys, audience)
if [[ -n "${PEERS:-}" ]]; then
  scg_jar="$here/peers/spring-cloud-gateway/target/spring-cloud-gateway-peer.jar"
  [[ -f "$scg_jar" ]] || "$root/mvnw" -B -ntp -q -f "$here/peers/spring-cloud-gateway/pom.xml" package -DskipTests
  java ${PEER_JAVA_OPTS:-} -jar "$scg_jar" --server.port=$scg_port --server.address=127.0.0.1 \
    --bench.upstream="$upstream" --bench.issuer="$issuer" > "$work/scg.log" 2>&1 &
  scg_pid=$!; pids+=($!); floor_pids+=($!)
  curl -fs --retry 90 --retry-connrefused --retry-delay 1 -o /dev/null -H "Authorization: Bearer $token" \
    "http://127.0.0.1:$scg_port/api/v1/cases" || { echo "Spring Cloud Gateway not ready" >&2; tail -30 "$work/scg.log" >&2; exit 1; }
  curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$scg_port/api/v1/cases" | grep -q 401 \
    || { echo "Spring Cloud Gateway lets requests without a token through" >&2; exit 1; }
fi

# CPU time (clock ticks) used so far by nginx's workers (stub and reverse proxy), the gateway's JVM and the floor's
cpu_ticks() {
  local total=0 pid
  for pid in $(pgrep -f "nginx: worker") "$gateway_pid" "${floor_pids[@]}"; do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}

measure() { # name url connections file -> prints p50 p99 req/s failed cpu-us-per-request
  local before after requests
  before="$(cpu_ticks)"
  wrk -t"$(( $3 < threads ? $3 : threads ))" -c"$3" -d"$duration" --latency -H "Authorization: Bearer $token" "$2" > "$4"
  after="$(cpu_ticks)"
  requests="$(awk '/requests in/{print $1}' "$4")"
  awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" '
    $1=="50%"{p50=$2} $1=="99%"{p99=$2} /Requests\/sec/{rps=$2}
    # quick refusals (a 503 from an open breaker, a 429) would flatter the figures: count them and say so
    /Non-2xx/{failed+=$NF} /Socket errors/{gsub(",","");failed+=$4+$6+$8+$10}
    END{printf "%s %s %s %d %.0f", p50, p99, rps, failed, n ? ticks / hz * 1e6 / n : 0}' "$4"
}

# seconds the JIT compilers of a JVM have spent so far (jstat), or nothing when pid is not a JVM of ours
jit_seconds() { [[ -z "$1" ]] || jstat -compiler "$1" 2>/dev/null | awk 'NR==2{print $4}' || true; }

warm_up() { # url pid-of-the-JVM-serving-it (empty: none) -> seconds of load given
  local given=0 round=10 before after least="${WARMUP:-30s}"
  least="${least%s}"
  while :; do
    before="$(jit_seconds "$2")"
    wrk -t"$threads" -c"$connections" -d${round}s -H "Authorization: Bearer $token" "$1" > /dev/null
    given=$((given + round))
    after="$(jit_seconds "$2")"
    (( given >= ${WARMUP_MAX:-180} )) && break
    (( given < least )) && continue
    [[ -z "$before" || -z "$after" ]] && break
    awk -v b="$before" -v a="$after" -v r="$round" 'BEGIN{exit !((a - b) < 0.02 * r)}' && break
  done
  echo "$given"
}

run() { # name url [pid of the JVM to warm up]
  local loaded single warm
  warm="$(warm_up "$2" "${3:-}")"
  read -r -a loaded <<< "$(measure "$1" "$2" "$connections" "$work/$1.txt")"
  read -r -a single <<< "$(measure "$1" "$2" 1 "$work/$1.single.txt")"
  printf '| %-26s | %8s | %8s | %9s | %6s | %7s | %8s | %8s | %4s |\n' "$1" "${loaded[0]}" "${loaded[1]}" \
    "${loaded[2]}" "${loaded[3]}" "${loaded[4]}" "${single[0]}" "${single[1]}" "$warm"
}

echo "logs and raw wrk output: $work" >&2
echo "wrk -t$threads -c$connections -d$duration (then -c1 -d$duration), GET /api/v1/cases, $(nproc) cores"
echo "| target                     | p50 c$connections | p99 c$connections | req/s c$connections | failed | CPU µs/req | p50 c1 | p99 c1 | warm-up s |"
echo "|----------------------------|---------:|---------:|----------:|-------:|--------:|---------:|---------:|-----:|"
[[ -n "${HOLD:-}" ]] && { echo "token: $token"; echo "holding for $HOLD"; sleep "$HOLD"; }
# the upstream's own JVM (case-service on the real route) is warmed first: every row below goes through it
upstream_pid="$(ss -ltnpH "sport = :${upstream##*:}" 2>/dev/null | sed -nE 's/.*pid=([0-9]+).*/\1/p' | head -1)"
run "upstream directly" "http://$upstream/api/v1/cases" "$upstream_pid"
run "nginx reverse proxy" "http://127.0.0.1:$nginx_port/api/v1/cases"
if [[ -n "${FLOOR:-}" ]]; then
  run "bare Vert.x proxy (floor)" "http://127.0.0.1:$vertx_port/api/v1/cases" "$vertx_pid"
  run "bare Netty proxy (floor)" "http://127.0.0.1:$netty_port/api/v1/cases" "$netty_pid"
fi
[[ -n "${PEERS:-}" ]] && run "Spring Cloud Gateway (JWT)" "http://127.0.0.1:$scg_port/api/v1/cases" "$scg_pid"
run "gateway (token validated)" "http://127.0.0.1:$gateway_port/api/v1/cases" "$gateway_pid"
# the upstream again: how far it drifted while the rows above ran (the proxies' rows are only comparable if little)
run "upstream directly, again" "http://$upstream/api/v1/cases" "$upstream_pid"
