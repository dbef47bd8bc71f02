#!/usr/bin/env bash
# Prefix-cache benchmark: serves the bundled model from a release build and measures TTFT with
# and without cached prompt blocks (see prefix_cache.py). Stops the server by its PID.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x .build/e2e-venv/bin/python ] || { python3 -m venv .build/e2e-venv; .build/e2e-venv/bin/pip install -q "openai>=1.50"; }
swift build -c release --product strata >/dev/null
PORT=$(.build/e2e-venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
DB=$(mktemp -d /tmp/strata-bench.XXXXXX)
./.build/release/strata serve --port "$PORT" --database "$DB/db.sqlite" >/dev/null 2>"$DB/err.log" &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DB"' EXIT
for _ in $(seq 1 100); do (echo > "/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1; done
.build/e2e-venv/bin/python bench/engine-serving/prefix_cache.py "http://127.0.0.1:$PORT" "${ROUNDS:-6}"
