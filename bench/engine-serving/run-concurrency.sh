#!/usr/bin/env bash
# Continuous batching benchmark: Strata and llama-server (--parallel 8 --cont-batching, built
# from the llama-cpp-python sdist as bench/engine does) serve SmolLM2-135M Q4_1 with 2 threads;
# concurrency.py measures aggregate tok/s, TTFT and latency at 1, 4 and 16 concurrent streams.
# Both servers listen on 127.0.0.1 and are stopped by their PIDs.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=.build/e2e-venv/bin/python
[ -x "$PY" ] || { python3 -m venv .build/e2e-venv; .build/e2e-venv/bin/pip install -q "openai>=1.50"; }
MODEL=models/SmolLM2-135M-Instruct.Q4_1.gguf
LEVELS="${LEVELS:-1,4,16}"
TOKENS="${TOKENS:-128}"
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() { for _ in $(seq 1 200); do (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done' EXIT

swift build -c release --product strata >/dev/null
PORT=$(free_port); DB=$(mktemp -d /tmp/strata-bench.XXXXXX)
./.build/release/strata serve --port "$PORT" --database "$DB/db.sqlite" >/dev/null 2>"$DB/err.log" &
pids+=($!); wait_port "$PORT"
echo "== Strata (continuous batching, up to 16 sequences per step)"
"$PY" bench/engine-serving/concurrency.py "http://127.0.0.1:$PORT" smollm2-135m "$LEVELS" "$TOKENS"
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

cat > "$DB/tiled.yaml" <<YAML
storage: {database: $DB/tiled.sqlite}
discover_providers: false
models:
  - {name: smollm2-135m, provider: local, path: $PWD/$MODEL, exact_batching: false}
YAML
PORT=$(free_port)
./.build/release/strata serve --config "$DB/tiled.yaml" --port "$PORT" >/dev/null 2>>"$DB/err.log" &
pids+=($!); wait_port "$PORT"
echo "== Strata, exact_batching: false (tiled kernels for batches)"
"$PY" bench/engine-serving/concurrency.py "http://127.0.0.1:$PORT" smollm2-135m "$LEVELS" "$TOKENS"
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

SERVER=bench/.peers/llama.cpp-build/bin/llama-server
if [ ! -x "$SERVER" ] && [ -d bench/.peers/llama.cpp-build ]; then
  # bench/engine/run.sh configured the llama.cpp tree (from the llama-cpp-python sdist); add the server.
  nice -n 10 cmake bench/.peers/llama.cpp-build -DLLAMA_BUILD_SERVER=ON >/dev/null
  nice -n 10 cmake --build bench/.peers/llama.cpp-build --target llama-server -j 2 >/dev/null
fi
if [ -x "$SERVER" ]; then
  LPORT=$(free_port)
  LD_LIBRARY_PATH=bench/.peers/llama.cpp-build/bin "$SERVER" -m "$MODEL" --host 127.0.0.1 --port "$LPORT" -t 2 --parallel 8 \
    --cont-batching -c 16384 >/dev/null 2>&1 &
  pids+=($!); wait_port "$LPORT"
  echo "== llama-server --parallel 8 --cont-batching"
  "$PY" bench/engine-serving/concurrency.py "http://127.0.0.1:$LPORT" smollm2 "$LEVELS" "$TOKENS"
else
  echo "llama-server not available: run bench/engine/run.sh first (it fetches and configures llama.cpp)"
fi
