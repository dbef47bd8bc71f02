#!/usr/bin/env python3
"""Writes Tests/Fixtures/engine/smollm2-llamacpp.json: llama.cpp's token ids and last-position
logits (top 20) for a few prompts on the SmolLM2 GGUF, plus its greedy continuation, so the
engine's tokenizer and forward pass are checked against an independent implementation.

It uses the ctypes bindings shipped in the llama-cpp-python sdist against the shared libraries
that bench/engine/run.sh builds into bench/.peers/llama.cpp-build/bin (run that first).

usage: python3 scripts/engine/make_llamacpp_fixture.py [models/SmolLM2-135M-Instruct.Q4_1.gguf]
"""
import json, os, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PEERS = ROOT / "bench/.peers"
sdist = next(PEERS.glob("llama_cpp_python-*"), None)
if sdist is None:
    sys.exit("run bench/engine/run.sh first: it downloads and builds llama.cpp into bench/.peers")
os.environ.setdefault("LLAMA_CPP_LIB_PATH", str(PEERS / "llama.cpp-build/bin"))
# Load only the ctypes layer: the package __init__ pulls in the high-level API's dependencies.
import types  # noqa: E402
_pkg = types.ModuleType("llama_cpp")
_pkg.__path__ = [str(sdist / "llama_cpp")]
sys.modules["llama_cpp"] = _pkg
import llama_cpp.llama_cpp as L  # noqa: E402

PROMPTS = [
    "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n"
    "<|im_start|>user\nWhat is the capital of France? Answer in one word.<|im_end|>\n<|im_start|>assistant\n",
    "The quick brown fox jumps over the lazy dog. The year was 1987, and",
    "def fibonacci(n):\n    if n < 2:\n        return n\n",
]
GREEDY_TOKENS = 64
TOP = 20

def main():
    model_path = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "models/SmolLM2-135M-Instruct.Q4_1.gguf")
    L.llama_backend_init()
    mparams = L.llama_model_default_params()
    model = L.llama_model_load_from_file(model_path.encode(), mparams)
    vocab = L.llama_model_get_vocab(model)
    n_vocab = L.llama_vocab_n_tokens(vocab)
    cases = []
    for prompt in PROMPTS:
        cparams = L.llama_context_default_params()
        cparams.n_ctx = 512
        cparams.n_batch = 512
        cparams.n_threads = 2
        cparams.n_threads_batch = 2
        ctx = L.llama_init_from_model(model, cparams)
        raw = prompt.encode()
        buf = (L.llama_token * 1024)()
        n = L.llama_tokenize(vocab, raw, len(raw), buf, 1024, False, True)
        ids = list(buf[:n])
        arr = (L.llama_token * n)(*ids)  # the batch points into it: keep it alive
        batch = L.llama_batch_get_one(arr, n)
        assert L.llama_decode(ctx, batch) == 0
        logits = L.llama_get_logits_ith(ctx, -1)
        row = [logits[i] for i in range(n_vocab)]
        top = sorted(range(n_vocab), key=lambda i: -row[i])[:TOP]
        greedy, tok = [], top[0]
        for _ in range(GREEDY_TOKENS):
            greedy.append(tok)
            if L.llama_vocab_is_eog(vocab, tok):
                break
            one = (L.llama_token * 1)(tok)
            assert L.llama_decode(ctx, L.llama_batch_get_one(one, 1)) == 0
            lg = L.llama_get_logits_ith(ctx, -1)
            tok = max(range(n_vocab), key=lambda i: lg[i])
        cases.append({"prompt": prompt, "ids": ids, "top": [[i, round(row[i], 4)] for i in top], "greedy": greedy})
        L.llama_free(ctx)
    out = ROOT / "Tests/Fixtures/engine/smollm2-llamacpp.json"
    lines = ",\n".join("  " + json.dumps(c, ensure_ascii=False) for c in cases)
    out.write_text('{"source": "llama.cpp from llama-cpp-python ' + sdist.name.split("-")[-1] + '",\n "cases": [\n' + lines + "\n ]\n}\n")
    print(f"wrote {out}")

if __name__ == "__main__":
    main()
