#!/usr/bin/env bash
# Gateway overhead: the same fake upstream served directly, through Strata and through the
# LiteLLM proxy (one worker), in one run, with wrk on loopback. Reports latency p50/p99 at
# concurrency 1, 10 and 50, the latency each proxy adds over the direct upstream, and
# requests per CPU-second of the proxy process. Not a test: numbers depend on the machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-10}
CONCURRENCY=${CONCURRENCY:-"1 10 50"}
PEERS=bench/.peers
WORK=$(mktemp -d /tmp/strata-bench-gw.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "bench: installing wrk"; apt-get install -y -qq wrk >/dev/null; }
echo "bench: building release binaries"
swift build -c release --product strata >/dev/null
swift build -c release --product strata-fake-upstream >/dev/null
if [ ! -x "$PEERS/litellm-venv/bin/litellm" ]; then
  echo "bench: installing litellm[proxy] into $PEERS/litellm-venv"
  python3 -m venv "$PEERS/litellm-venv"
  "$PEERS/litellm-venv/bin/pip" install --quiet --disable-pip-version-check "litellm[proxy]"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { # url pid log
  for _ in $(seq 1 600); do
    curl -s -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { echo "bench: process $2 exited; its log:" >&2; tail -20 "$3" >&2; return 1; }
    sleep 0.1
  done
  echo "bench: $1 did not come up" >&2; tail -20 "$3" >&2; return 1
}
cpu_seconds() { awk '{print ($14 + $15) / 100}' "/proc/$1/stat"; }

UPSTREAM_PORT=$(free_port); STRATA_PORT=$(free_port); LITELLM_PORT=$(free_port)
.build/release/strata-fake-upstream --port "$UPSTREAM_PORT" --reply "Hello there, how are you" > "$WORK/upstream.log" 2>&1 &
pids+=($!); UPSTREAM_PID=$!
wait_http "http://127.0.0.1:$UPSTREAM_PORT/v1/models" "$UPSTREAM_PID" "$WORK/upstream.log"

cat > "$WORK/strata.yaml" <<YAML
discover_providers: false
auth: {master_key: sk-bench}
storage: {database: $WORK/strata.sqlite}
logging: {level: warning}
models:
  - name: bench
    provider: openai-compatible
    model: upstream-model
    base_url: http://127.0.0.1:$UPSTREAM_PORT/v1
    price: {input: 0.15, output: 0.6}
YAML
.build/release/strata serve --config "$WORK/strata.yaml" --port "$STRATA_PORT" > "$WORK/strata.log" 2>&1 &
pids+=($!); STRATA_PID=$!
wait_http "http://127.0.0.1:$STRATA_PORT/healthz" "$STRATA_PID" "$WORK/strata.log"

cat > "$WORK/litellm.yaml" <<YAML
model_list:
  - model_name: bench
    litellm_params:
      model: openai/upstream-model
      api_base: http://127.0.0.1:$UPSTREAM_PORT/v1
      api_key: sk-fake
general_settings:
  master_key: sk-bench
litellm_settings:
  set_verbose: false
YAML
LITELLM_LOG=ERROR "$PEERS/litellm-venv/bin/litellm" --config "$WORK/litellm.yaml" --host 127.0.0.1 --port "$LITELLM_PORT" \
  --num_workers 1 > "$WORK/litellm.log" 2>&1 &
pids+=($!); LITELLM_PID=$!
wait_http "http://127.0.0.1:$LITELLM_PORT/health/liveliness" "$LITELLM_PID" "$WORK/litellm.log"

# wrk prints latencies as 1.23ms / 456.00us / 1.2s; normalise to milliseconds.
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v); print v} else if (v ~ /s$/) {sub(/s$/,"",v); print v*1000} else print v}'; }
measure() { # name url concurrency pid-or-empty -> "p50 p99 rps cpu_s requests errors"
  local threads=$(( $3 < 2 ? 1 : 2 ))
  # warm up, then measure
  wrk -t"$threads" -c"$3" -d3s -s bench/gateway/chat.lua "$2/v1/chat/completions" >/dev/null 2>&1 || true
  local before=0; [ -n "$4" ] && before=$(cpu_seconds "$4")
  local out; out=$(wrk -t"$threads" -c"$3" -d"${DURATION}s" --latency -s bench/gateway/chat.lua "$2/v1/chat/completions")
  local after=0; [ -n "$4" ] && after=$(cpu_seconds "$4")
  local p50 p99 rps requests errors
  p50=$(echo "$out" | awk '$1=="50%"{print $2}' | to_ms)
  p99=$(echo "$out" | awk '$1=="99%"{print $2}' | to_ms)
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  requests=$(echo "$out" | awk '/requests in/{print $1}')
  errors=$(echo "$out" | awk '/Non-2xx/{print $4}'); errors=${errors:-0}
  echo "$p50 $p99 $rps $(awk -v a="$after" -v b="$before" 'BEGIN{print a-b}') $requests $errors"
}

printf '\nGateway overhead, %ss per point, %s cores (%s)\n\n' "$DURATION" "$(nproc)" "$(date -u +%Y-%m-%d)"
printf '| c | direct p50/p99 ms | Strata p50/p99 ms | LiteLLM p50/p99 ms | added p50/p99 Strata | added p50/p99 LiteLLM | Strata req/CPU-s | LiteLLM req/CPU-s | ratio |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
for c in $CONCURRENCY; do
  read -r d50 d99 drps _ _ _ < <(measure direct "http://127.0.0.1:$UPSTREAM_PORT" "$c" "")
  read -r s50 s99 srps scpu sreq serr < <(measure strata "http://127.0.0.1:$STRATA_PORT" "$c" "$STRATA_PID")
  read -r l50 l99 lrps lcpu lreq lerr < <(measure litellm "http://127.0.0.1:$LITELLM_PORT" "$c" "$LITELLM_PID")
  awk -v c="$c" -v d50="$d50" -v d99="$d99" -v s50="$s50" -v s99="$s99" -v l50="$l50" -v l99="$l99" \
      -v sreq="$sreq" -v scpu="$scpu" -v lreq="$lreq" -v lcpu="$lcpu" -v serr="$serr" -v lerr="$lerr" 'BEGIN {
    spc = scpu > 0 ? sreq / scpu : 0; lpc = lcpu > 0 ? lreq / lcpu : 0
    printf "| %s | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f | %.0f | %.0f | %.1fx |\n",
      c, d50, d99, s50, s99, l50, l99, s50 - d50, s99 - d99, l50 - d50, l99 - d99, spc, lpc, (lpc > 0 ? spc / lpc : 0)
    if (serr > 0 || lerr > 0) printf "(non-2xx answers: Strata %s, LiteLLM %s)\n", serr, lerr
  }'
done
TRACES=$(curl -s "http://127.0.0.1:$STRATA_PORT/metrics" | awk '/^strata_requests_total/{s+=$2} END{print s+0}')
printf '\nStrata recorded %s requests in its metrics (tracing on, SQLite WAL).\n' "$TRACES"
