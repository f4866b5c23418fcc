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
pids+=($!)
wait_for "http://127.0.0.1:$gateway_port/q/health/ready"
curl -fsS -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$gateway_port/api/v1/cases" \
  || { echo "gateway refused the benchmark token" >&2; tail -20 "$work/gateway.log" >&2; exit 1; }

run() { # name url
  # warm-up: the JVM's JIT needs tens of seconds under load before the gateway runs compiled code (5 s was too short)
  wrk -t"$threads" -c"$connections" -d"${WARMUP:-30s}" -H "Authorization: Bearer $token" "$2" > /dev/null
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "Authorization: Bearer $token" "$2" > "$work/$1.txt"
  local p50 p99 rps failed
  p50="$(awk '$1=="50%"{print $2}' "$work/$1.txt")"
  p99="$(awk '$1=="99%"{print $2}' "$work/$1.txt")"
  rps="$(awk '/Requests\/sec/{print $2}' "$work/$1.txt")"
  # quick refusals (a 503 from an open breaker, a 429) would flatter the figures: count them and say so
  failed="$(awk '/Non-2xx/{n+=$NF} /Socket errors/{gsub(",","");n+=$4+$6+$8+$10} END{print n+0}' "$work/$1.txt")"
  printf '| %-28s | %8s | %8s | %10s | %6s |\n' "$1" "$p50" "$p99" "$rps" "$failed"
}

echo "logs and raw wrk output: $work" >&2
echo "wrk -t$threads -c$connections -d$duration, GET /api/v1/cases, $(nproc) cores"
echo "| target                       |      p50 |      p99 |      req/s | failed |"
echo "|------------------------------|---------:|---------:|-----------:|-------:|"
[[ -n "${HOLD:-}" ]] && { echo "token: $token"; echo "holding for $HOLD"; sleep "$HOLD"; }
run "stub upstream directly" "http://127.0.0.1:$stub_port/api/v1/cases"
run "nginx reverse proxy" "http://127.0.0.1:$nginx_port/api/v1/cases"
run "gateway (token validated)" "http://127.0.0.1:$gateway_port/api/v1/cases"
