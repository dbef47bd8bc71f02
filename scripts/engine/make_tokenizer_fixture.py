#!/usr/bin/env python3
"""Writes Tests/Fixtures/engine/smollm2-tokenizer.json: reference token ids for test strings,
computed by Hugging Face `tokenizers` (an implementation independent of ours) from the
vocabulary and merges stored in the SmolLM2 GGUF, with SmolLM2's pre-tokenizer
(individual digits, then GPT-2 byte-level).

usage: python3 -m venv /tmp/v && /tmp/v/bin/pip install tokenizers
       /tmp/v/bin/python scripts/engine/make_tokenizer_fixture.py models/SmolLM2-135M-Instruct.Q4_1.gguf
"""
import json, struct, sys
from pathlib import Path
from tokenizers import Tokenizer, models, pre_tokenizers, decoders, AddedToken

def read_gguf_metadata(path):
    data = Path(path).read_bytes()
    off = 0
    def take(fmt):
        nonlocal off
        v = struct.unpack_from("<" + fmt, data, off); off += struct.calcsize("<" + fmt); return v[0]
    def string():
        nonlocal off
        n = take("Q"); s = data[off:off + n].decode("utf-8"); off += n; return s
    scalar = {0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 6: "f", 7: "?", 10: "Q", 11: "q", 12: "d"}
    def value(t):
        if t == 8: return string()
        if t == 9:
            et = take("I"); n = take("Q"); return [value(et) for _ in range(n)]
        return take(scalar[t])
    assert data[:4] == b"GGUF"; off = 4
    take("I"); take("Q"); n_kv = take("Q")
    meta = {}
    for _ in range(n_kv):
        k = string(); meta[k] = value(take("I"))
    return meta

TEXTS = [
    "Hello world",
    "Hello, world! How are you doing today?",
    "The year 2024 has 366 days; π ≈ 3.14159.",
    "  leading spaces and trailing   ",
    "tabs\tand\nnewlines\n\n\nmany",
    "I'm sure they'll say it's fine, we've done what we'd do.",
    "naïve café résumé – “quotes” and emoji 🤗🚀",
    "中文字符和日本語のテキスト",
    "def f(x):\n    return x**2 + 1  # comment",
    "<|im_start|>user\nWhat is 12+7?<|im_end|>\n<|im_start|>assistant\n",
    "http://example.com/path?query=1&b=2",
    "ALLCAPS lowercase MixedCase snake_case",
]

def main():
    meta = read_gguf_metadata(sys.argv[1])
    tokens = meta["tokenizer.ggml.tokens"]
    types = meta["tokenizer.ggml.token_type"]
    vocab = {t: i for i, t in enumerate(tokens)}
    merges = [tuple(m.split(" ", 1)) for m in meta["tokenizer.ggml.merges"]]
    tok = Tokenizer(models.BPE(vocab=vocab, merges=merges))
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Digits(individual_digits=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
    ])
    tok.decoder = decoders.ByteLevel()
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False) for t, ty in zip(tokens, types) if ty == 3])
    cases = [{"text": t, "ids": tok.encode(t).ids} for t in TEXTS]
    out = Path(__file__).resolve().parents[2] / "Tests/Fixtures/engine/smollm2-tokenizer.json"
    source = json.dumps("huggingface tokenizers " + __import__("tokenizers").__version__)
    lines = ",\n".join("  " + json.dumps(c, ensure_ascii=False) for c in cases)
    out.write_text('{"source": ' + source + ',\n "cases": [\n' + lines + "\n ]\n}\n")
    print(f"wrote {out} ({len(cases)} cases)")

if __name__ == "__main__":
    main()
