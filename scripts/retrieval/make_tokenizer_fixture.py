#!/usr/bin/env python3
"""Writes Tests/Fixtures/retrieval/wordpiece-fuzz.json: seeded random texts (mixed scripts,
combining marks, controls, emoji, special tokens, long words) with the token ids HuggingFace's
tokenizer gives them, for the Swift WordPiece tokenizer to match exactly.

  /tmp/st-venv/bin/python scripts/retrieval/make_tokenizer_fixture.py   (needs `tokenizers`)
"""
import json
import os
import random

from tokenizers import Tokenizer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOKENIZER = os.path.join(ROOT, "models", "all-minilm-l6-v2", "tokenizer.json")
OUT = os.path.join(ROOT, "Tests", "Fixtures", "retrieval", "wordpiece-fuzz.json")

BLOCKS = [
    (0x20, 0x7E), (0x00, 0x1F), (0xA0, 0xFF), (0x100, 0x17F), (0x300, 0x36F), (0x370, 0x3FF),
    (0x400, 0x4FF), (0x590, 0x5FF), (0x600, 0x6FF), (0x900, 0x97F), (0xE00, 0xE7F), (0x1E00, 0x1EFF),
    (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F), (0x2460, 0x24FF), (0x3000, 0x303F),
    (0x3040, 0x30FF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3), (0xF900, 0xFAFF), (0xFB00, 0xFB4F),
    (0xFE00, 0xFE0F), (0xFF00, 0xFFEF), (0x1F300, 0x1F64F), (0x1F900, 0x1F9FF), (0x20000, 0x2A6DF),
    (0xE000, 0xE0FF),
]
WORDS = ["retrieval", "embedding", "Strata", "naïve", "CAFÉ", "déjà", "vu", "hello", "world", "tokenization",
         "[CLS]", "[SEP]", "[MASK]", "[PAD]", "[UNK]", "don't", "e-mail", "x" * 101, "supercalifragilistic",
         "ﬁne", "Ⅻ", "İstanbul", "straße", "ǅemal", "ΣΊΣΥΦΟΣ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"]


def random_text(rng):
    parts = []
    for _ in range(rng.randint(1, 12)):
        kind = rng.random()
        if kind < 0.45:
            parts.append(rng.choice(WORDS))
        elif kind < 0.9:
            lo, hi = rng.choice(BLOCKS)
            parts.append("".join(chr(rng.randint(lo, hi)) for _ in range(rng.randint(1, 6))))
        else:
            parts.append(rng.choice(["\t", "\n", "\r\n", "  ", "\u200b", "\u00ad", "\ufeff", "\u3000"]))
        parts.append(rng.choice([" ", "", "", " ", ", ", ".", "\n"]))
    return "".join(parts)


def main():
    tok = Tokenizer.from_file(TOKENIZER)
    tok.no_padding()
    tok.enable_truncation(max_length=256)
    rng = random.Random(20261125)
    entries = []
    for _ in range(400):
        text = random_text(rng)
        # Lone surrogates cannot be encoded as UTF-8 and never reach the server.
        text = "".join(c for c in text if not 0xD800 <= ord(c) <= 0xDFFF)
        entries.append({"text": text, "ids": tok.encode(text).ids})
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump({"maxLength": 256, "entries": entries}, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(entries)} entries to {OUT}")


if __name__ == "__main__":
    main()
