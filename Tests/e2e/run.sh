#!/usr/bin/env bash
# End-to-end: the built `strata` binary, configured against the fake upstream process, driven
# by the official `openai` and `anthropic` Python clients. Everything on 127.0.0.1; both
# servers are stopped by the PIDs this script started.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${STRATA_BIN_DIR:-.build/debug}"
VENV=.build/e2e-venv
WORK=$(mktemp -d /tmp/strata-e2e.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ ! -x "$VENV/bin/python" ]; then
  echo "e2e: creating $VENV with openai, anthropic, pytest"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "openai>=1.50" "anthropic>=0.40" "pytest>=8"
fi

free_port() { "$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() { # port pid
  for _ in $(seq 1 100); do
    (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || { echo "e2e: process $2 exited early" >&2; return 1; }
    sleep 0.1
  done
  echo "e2e: nothing listens on $1" >&2; return 1
}

UPSTREAM_PORT=$(free_port)
"$BIN/strata-fake-upstream" --port "$UPSTREAM_PORT" --reply "Hello from the fake upstream" > "$WORK/upstream.log" 2>&1 &
pids+=($!)
wait_port "$UPSTREAM_PORT" "${pids[-1]}"

cat > "$WORK/strata.yaml" <<YAML
server:
  host: 127.0.0.1
auth:
  master_key: sk-e2e-master
storage:
  database: $WORK/strata.sqlite
discover_providers: false
models:
  - name: gpt-test
    provider: openai-compatible
    model: upstream-gpt
    base_url: http://127.0.0.1:$UPSTREAM_PORT/v1
    price: {input: 1, output: 2}
  - name: claude-test
    provider: anthropic
    model: upstream-claude
    base_url: http://127.0.0.1:$UPSTREAM_PORT
  - name: gemini-test
    provider: gemini
    model: upstream-gemini
    base_url: http://127.0.0.1:$UPSTREAM_PORT
  - name: embed-test
    provider: openai-compatible
    base_url: http://127.0.0.1:$UPSTREAM_PORT/v1
  - name: smollm2-135m
    provider: local
    path: $PWD/models/SmolLM2-135M-Instruct.Q4_1.gguf
  - name: all-minilm-l6-v2
    provider: local
    path: $PWD/models/all-minilm-l6-v2
YAML
"$BIN/strata" config check "$WORK/strata.yaml"

STRATA_PORT=$(free_port)
"$BIN/strata" serve --config "$WORK/strata.yaml" --port "$STRATA_PORT" > "$WORK/strata.out" 2> "$WORK/strata.err" &
pids+=($!)
wait_port "$STRATA_PORT" "${pids[-1]}"

export STRATA_URL="http://127.0.0.1:$STRATA_PORT" STRATA_MASTER_KEY=sk-e2e-master STRATA_BIN="$BIN/strata"
export STRATA_CONFIG="$WORK/strata.yaml"
status=0
"$VENV/bin/python" -m pytest -q -p no:cacheprovider Tests/e2e "$@" || status=$?
if [ $status -ne 0 ]; then
  echo "--- strata stderr (last 40 lines)"; tail -40 "$WORK/strata.err"
fi
exit $status
