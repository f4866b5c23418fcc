#!/usr/bin/env bash
# Gateway benchmark (not part of the build): the same GET answered by a stub upstream (nginx returning a fixed
# JSON page) called directly, through nginx as a reverse proxy, and through the gateway with token validation on.
# Needs: wrk, nginx (apt-get install -y wrk nginx), a built gateway (./mvnw -pl gateway install -DskipTests) and
# the local stack's classpath file (./mvnw -pl local-stack install -DskipTests) for the OIDC issuer.
# Usage: gateway/benchmark/run.sh [duration=20s] [connections=32] [threads=2]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration="${1:-20s}"; connections="${2:-32}"; threads="${3:-2}"
stub_port=18181; nginx_port=18182; issuer_port=18190; gateway_port=18180
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
[[ -f "$jar" && -f "$classpath_file" ]] || { echo "build the gateway and local-stack first" >&2; exit 1; }

# 1. nginx: stub upstream on $stub_port, reverse proxy to it on $nginx_port (keep-alive to the upstream, like the gateway)
cat > "$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  upstream stub { server 127.0.0.1:$stub_port; keepalive 64; }
  server {
    listen 127.0.0.1:$stub_port;
    location / { default_type application/json; return 200 '{"items":[],"page":0,"size":20,"total":0}'; }
  }
  server {
    listen 127.0.0.1:$nginx_port;
    location / { proxy_pass http://stub; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work"

# 2. OIDC issuer and a token
java -cp "$(cat "$classpath_file")" "$here/BenchIssuer.java" $issuer_port > "$work/issuer.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$issuer_port/second-opinion/.well-known/openid-configuration"
token="$(curl -fs -X POST "http://127.0.0.1:$issuer_port/second-opinion/token" \
  -d grant_type=client_credentials -d client_id=bench -d client_secret=bench -d scope=openid \
  | tr -d '\n' | sed -E 's/.*"access_token"[ ]*:[ ]*"([^"]+)".*/\1/')"

# 3. the gateway, every route pointing at the stub; rate limit lifted so the benchmark measures the proxy path
java ${GATEWAY_JAVA_OPTS:-} -Dquarkus.http.port=$gateway_port -Dquarkus.http.host=127.0.0.1 \
  -Dquarkus.oidc.auth-server-url="http://127.0.0.1:$issuer_port/second-opinion" \
  -Dgateway.routes.case-service.url="http://127.0.0.1:$stub_port" \
  -Dgateway.routes.case-service.rate-limit.capacity=1000000000 \
  -Dquarkus.log.category.\"org.secondopinion.gateway\".level=WARN \
  -jar "$jar" > "$work/gateway.log" 2>&1 &
gateway_pid=$!
pids+=($gateway_pid)
wait_for "http://127.0.0.1:$gateway_port/q/health/ready"
curl -fsS -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$gateway_port/api/v1/cases" \
  || { echo "gateway refused the benchmark token" >&2; tail -20 "$work/gateway.log" >&2; exit 1; }

# CPU time (clock ticks) used so far by nginx's workers (stub and reverse proxy) and the gateway's JVM
cpu_ticks() {
  local total=0 pid
  for pid in $(pgrep -f "nginx: worker") "$gateway_pid"; do
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

run() { # name url
  # warm-up: the JVM's JIT needs tens of seconds under load before the gateway runs compiled code (5 s was too short)
  wrk -t"$threads" -c"$connections" -d"${WARMUP:-30s}" -H "Authorization: Bearer $token" "$2" > /dev/null
  local loaded single
  read -r -a loaded <<< "$(measure "$1" "$2" "$connections" "$work/$1.txt")"
  read -r -a single <<< "$(measure "$1" "$2" 1 "$work/$1.single.txt")"
  printf '| %-26s | %8s | %8s | %9s | %6s | %7s | %8s | %8s |\n' "$1" "${loaded[0]}" "${loaded[1]}" \
    "${loaded[2]}" "${loaded[3]}" "${loaded[4]}" "${single[0]}" "${single[1]}"
}

echo "logs and raw wrk output: $work" >&2
echo "wrk -t$threads -c$connections -d$duration (then -c1 -d$duration), GET /api/v1/cases, $(nproc) cores"
echo "| target                     | p50 c$connections | p99 c$connections | req/s c$connections | failed | CPU µs/req | p50 c1 | p99 c1 |"
echo "|----------------------------|---------:|---------:|----------:|-------:|--------:|---------:|---------:|"
[[ -n "${HOLD:-}" ]] && { echo "token: $token"; echo "holding for $HOLD"; sleep "$HOLD"; }
run "stub upstream directly" "http://127.0.0.1:$stub_port/api/v1/cases"
run "nginx reverse proxy" "http://127.0.0.1:$nginx_port/api/v1/cases"
run "gateway (token validated)" "http://127.0.0.1:$gateway_port/api/v1/cases"
