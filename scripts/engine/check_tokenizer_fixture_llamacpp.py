#!/usr/bin/env python3
"""Checks Tests/Fixtures/engine/smollm2-tokenizer.json against llama.cpp's own tokenizer
(llama_tokenize through the ctypes bindings of the llama-cpp-python sdist, against the
libraries bench/engine/run.sh builds into bench/.peers/llama.cpp-build/bin) and records in
the fixture that llama.cpp agrees. Exits 1 and lists the strings where the two disagree.

usage: python3 scripts/engine/check_tokenizer_fixture_llamacpp.py [models/SmolLM2-135M-Instruct.Q4_1.gguf]
"""
import json, os, sys, types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PEERS = ROOT / "bench/.peers"
sdist = next(PEERS.glob("llama_cpp_python-*[0-9]"), None)
if sdist is None:
    sys.exit("run bench/engine/run.sh first: it downloads and builds llama.cpp into bench/.peers")
os.environ.setdefault("LLAMA_CPP_LIB_PATH", str(PEERS / "llama.cpp-build/bin"))
_pkg = types.ModuleType("llama_cpp")
_pkg.__path__ = [str(sdist / "llama_cpp")]
sys.modules["llama_cpp"] = _pkg
import llama_cpp.llama_cpp as L  # noqa: E402

def main():
    model_path = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "models/SmolLM2-135M-Instruct.Q4_1.gguf")
    L.llama_backend_init()
    params = L.llama_model_default_params()
    params.vocab_only = True
    model = L.llama_model_load_from_file(model_path.encode(), params)
    vocab = L.llama_model_get_vocab(model)
    path = ROOT / "Tests/Fixtures/engine/smollm2-tokenizer.json"
    fixture = json.loads(path.read_text())
    different = []
    for case in fixture["cases"]:
        raw = case["text"].encode()
        buf = (L.llama_token * 8192)()
        n = L.llama_tokenize(vocab, raw, len(raw), buf, 8192, False, True)
        if list(buf[:n]) != case["ids"]:
            different.append((case["text"], list(buf[:n]), case["ids"]))
    for text, theirs, ours in different:
        print(f"differs: {text!r}\n  llama.cpp {theirs}\n  fixture   {ours}")
    if different:
        sys.exit(1)
    if "llama.cpp" not in fixture["source"]:
        fixture["source"] += "; identical to llama.cpp (llama-cpp-python " + sdist.name.split("-")[-1] + ") on every case"
        lines = ",\n".join("  " + json.dumps(c, ensure_ascii=False) for c in fixture["cases"])
        path.write_text('{"source": ' + json.dumps(fixture["source"]) + ',\n "cases": [\n' + lines + "\n ]\n}\n")
    print(f"llama.cpp agrees on all {len(fixture['cases'])} cases")

if __name__ == "__main__":
    main()
