#!/usr/bin/env bash
# Strata's embedder vs sentence-transformers and Strata's HNSW vs hnswlib, same machine, same
# inputs, same run; prints the numbers and Strata/peer ratios.
#
#   bench/retrieval/run.sh            # defaults below; override with env vars
#   THREADS=2 VECTORS=20000 QUERIES=500 M=16 EF_CONSTRUCTION=200 EF_SEARCH=64 bench/retrieval/run.sh
#   SECTIONS=hnsw bench/retrieval/run.sh                       # only the index (also: embed, chunk)
#   BENCH_BIN=/path/to/retrieval-bench bench/retrieval/run.sh  # skip the build, use this binary
#
# The index runs on two sets: clustered random vectors (VECTORS x DIM) and the 20k real
# sentence embeddings of Tests/Fixtures/retrieval/text-vectors-20k.i8 (every 100th held out
# as a query), each unfiltered and with filters that pass 1%, 10% and 50% of the labels.
#
# Needs the bundled model (scripts/fetch-models.sh) and PyPI for the peers' venv.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
THREADS="${THREADS:-2}"; SHORT="${SHORT:-1000}"; PASSAGES="${PASSAGES:-200}"; REPEAT="${REPEAT:-3}"
VECTORS="${VECTORS:-20000}"; QUERIES="${QUERIES:-500}"; DIM="${DIM:-384}"; K=10
M="${M:-16}"; EF_CONSTRUCTION="${EF_CONSTRUCTION:-200}"; EF_SEARCH="${EF_SEARCH:-64}"
SECTIONS="${SECTIONS:-embed chunk hnsw}"
VENV="${BENCH_VENV:-${TMPDIR:-/tmp}/strata-retrieval-bench-venv}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/strata-retrieval-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
PKG="${TMPDIR:-/tmp}/strata-retrieval-bench-pkg"
MODEL="$ROOT/models/all-minilm-l6-v2"
TEXT_VECTORS="$ROOT/Tests/Fixtures/retrieval/text-vectors-20k.i8"
[ -f "$MODEL/model.safetensors" ] || { echo "model missing: run scripts/fetch-models.sh" >&2; exit 1; }
has() { case " $SECTIONS " in *" $1 "*) return 0;; *) return 1;; esac; }

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  TORCH=torch; for w in /opt/wheels/torch-*+cpu-*.whl; do [ -f "$w" ] && TORCH="$w"; done
  "$VENV/bin/pip" install -q "$TORCH" sentence-transformers hnswlib numpy
fi
PY="$VENV/bin/python"

if [ -n "${BENCH_BIN:-}" ]; then
  BENCH="$BENCH_BIN"
else
# A throwaway package around the target's sources, built with the flags the target needs.
mkdir -p "$PKG/Sources"
ln -sfn "$ROOT/Sources/StrataRetrieval" "$PKG/Sources/StrataRetrieval"
ln -sfn "$ROOT/bench/retrieval/RetrievalBench" "$PKG/Bench"
cat > "$PKG/Package.swift" <<'SWIFT'
// swift-tools-version:6.1
import PackageDescription
let fast: [SwiftSetting] = [.unsafeFlags(["-Ounchecked", "-wmo", "-target-cpu", "native"]),
                            .enableExperimentalFeature("BuiltinModule")]
let package = Package(name: "RetrievalBench", platforms: [.macOS(.v15)], targets: [
    .target(name: "StrataRetrieval", swiftSettings: fast),
    .executableTarget(name: "retrieval-bench", dependencies: ["StrataRetrieval"], path: "Bench", swiftSettings: fast),
])
SWIFT
(cd "$PKG" && swift build -c release --product retrieval-bench >&2)
BENCH="$PKG/.build/release/retrieval-bench"
fi

"$PY" "$ROOT/bench/retrieval/peers.py" prepare "$WORK" "$ROOT/Tests/Fixtures/retrieval/minilm-reference.json" \
  "$TEXT_VECTORS" "$SHORT" "$PASSAGES" "$VECTORS" "$QUERIES" "$DIM" "$K"

ratio() { "$PY" -c "import json,sys; a=json.loads(sys.argv[1]); b=json.loads(sys.argv[2]); print(f'{a[sys.argv[3]]/b[sys.argv[3]]:.2f}')" "$@"; }
fine() { "$PY" -c "import json,sys; print(f'{json.loads(sys.argv[1])[sys.argv[2]]:.7f}')" "$@"; }
field() { "$PY" -c "import json,sys; v=json.loads(sys.argv[1])[sys.argv[2]]; print(f'{v:.4g}')" "$@"; }

if has embed; then
echo "== embedder: all-MiniLM-L6-v2, $THREADS threads (best of $REPEAT) =="
for set in short passages; do
  S=$("$BENCH" embed --model "$MODEL" --texts "$WORK/$set.json" --threads "$THREADS" --repeat "$REPEAT" --out "$WORK/$set.strata.f32")
  P=$("$PY" "$ROOT/bench/retrieval/peers.py" embed "$WORK" "$MODEL" "$set" "$THREADS" "$REPEAT")
  echo "$set: strata $(field "$S" textsPerSecond) texts/s ($(field "$S" tokensPerSecond) tokens/s), sentence-transformers $(field "$P" textsPerSecond) texts/s, ratio $(ratio "$S" "$P" textsPerSecond)x; cosine min $(fine "$P" cosineMin) mean $(fine "$P" cosineMean)"
done

echo "== embedder, 1 thread, CPU time of that thread (steady on a shared machine) =="
for set in short passages; do
  S=$("$BENCH" embed --model "$MODEL" --texts "$WORK/$set.json" --threads 1 --repeat "$REPEAT" --out "$WORK/$set.strata.f32")
  P=$("$PY" "$ROOT/bench/retrieval/peers.py" embed "$WORK" "$MODEL" "$set" 1 "$REPEAT")
  echo "$set: strata $(field "$S" textsPerCPUSecond) texts/CPU-s, sentence-transformers $(field "$P" textsPerCPUSecond) texts/CPU-s, ratio $(ratio "$S" "$P" textsPerCPUSecond)x"
done
fi

if has chunk; then
C=$("$BENCH" chunk --model "$MODEL" --texts "$WORK/passages.json")
echo "chunking (markdown, 254-token chunks, 32 overlap, 1 thread): $(field "$C" megabytesPerSecond) MB/s; tokenizer alone $(field "$C" tokenizerMegabytesPerSecond) MB/s"
fi

if has hnsw; then
for set in clustered text; do
  D=$("$PY" -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$WORK/dims.json" "$set")
  echo "== HNSW, $set vectors: cosine, $D dims, M=$M efConstruction=$EF_CONSTRUCTION efSearch=$EF_SEARCH, k=$K, 1 thread, thread CPU time (best of 3) =="
  S=$("$BENCH" hnsw --set "$WORK/$set" --dim "$D" --k "$K" --m "$M" --ef-construction "$EF_CONSTRUCTION" \
    --ef-search "$EF_SEARCH" --metric cosine --filter-percents 1,10,50)
  P=$("$PY" "$ROOT/bench/retrieval/peers.py" hnsw "$WORK/$set" "$D" "$M" "$EF_CONSTRUCTION" "$EF_SEARCH" "$K")
  "$PY" "$ROOT/bench/retrieval/peers.py" table "$set" "$S" "$P"
done
fi
