#!/usr/bin/env python3
"""Builds Tests/Fixtures/retrieval/text-vectors-20k.i8: 20,000 sentence embeddings of real
English prose, for HNSWRecallAtScaleTests (recall of the index on real-text vectors, which
cluster and crowd far more than random ones).

How the committed fixture was made (re-running it on the same Python yields the same
sentences; the vectors match up to float rounding of the library versions and threads):

    /path/to/venv/bin/python bench/retrieval/make-text-vectors.py      # ~4 min on 2 cores

  - Python 3.11.7 (pyenv), sentence-transformers 6.2.0, torch 2.13.0+cpu, numpy 2.4.6;
    the venv of bench/retrieval/run.sh has all of them.
  - Text, all offline: the help topics of `pydoc_data.topics`, then the docstrings (module,
    class, function; read with `ast`, nothing imported) and the comment blocks of every
    .py file of the standard library, in sorted path order. Indented lines (code examples)
    are skipped; paragraphs are split into sentences after . ! ? followed by a capital.
  - Kept: sentences of 5-40 words that start with a capital letter, end with a period and
    are at least 80% plain words; deduplicated case- and whitespace-insensitively.
    Sentences from outside test directories come first (18,067 on 3.11.7), test-suite
    docstrings and comments fill up to 20,000; the 20,000 are then shuffled (seed 2026) so
    that any fixed stride of them mixes all sources. sha256 of the sentences joined by
    newlines starts 8a3dce656670734a (`--sentences-out` writes them for inspection).
  - Embedded with all-MiniLM-L6-v2 (models/all-minilm-l6-v2, the model Strata bundles)
    through sentence-transformers, normalised, 384 dimensions, no reduction. (`--dims 192`
    would project them with a fixed random orthonormal matrix to halve the file; hnswlib's
    recall@10 at M=16/efC=200/ef=64 was 0.9945 at 384 and 0.9945 at 192 dims, so the
    reduction would not change what the test measures. The 7.8 MB of full dimensions fit the
    8 MB budget, so the fixture keeps them.)
  - Stored int8 with one float32 scale per vector (scale = max|x| / 127): cosine between a
    dequantised vector and the original is >= 0.9999 (printed at the end of a run).

Format, little-endian: b"SVQ8", uint32 version (1), uint32 count, uint32 dimensions,
count float32 scales, then count x dimensions int8 values (row-major). A vector is
`value * scale`.
"""
import argparse
import ast
import hashlib
import os
import random
import re
import struct
import sys
import sysconfig

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")
PLAIN_WORD = re.compile(r"^[A-Za-z][A-Za-z'-]*[,;:]?$")
SKIPPED_DIRS = {"site-packages", "__pycache__"}
TEST_DIRS = {"test", "tests", "idle_test"}


def paragraphs(text):
    """Unindented runs of lines; indented lines are code examples or tables."""
    para = []
    for line in text.splitlines():
        if not line.strip() or line.startswith((" ", "\t")):
            if para:
                yield " ".join(para)
                para = []
            continue
        para.append(line.strip())
    if para:
        yield " ".join(para)


def comment_blocks(source):
    block = []
    for line in source.splitlines():
        s = line.strip()
        if s.startswith("#") and not s.startswith("#!"):
            body = s.lstrip("#").strip()
            if body:
                block.append(body)
                continue
        if block:
            yield " ".join(block)
            block = []
    if block:
        yield " ".join(block)


def stdlib_texts():
    """(is_test, text) for every docstring and comment block of the standard library."""
    stdlib = sysconfig.get_paths()["stdlib"]
    for dirpath, dirs, files in os.walk(stdlib):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        is_test = bool(TEST_DIRS & set(os.path.relpath(dirpath, stdlib).split(os.sep)))
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            try:
                source = open(os.path.join(dirpath, name), encoding="utf-8").read()
                tree = ast.parse(source)
            except (SyntaxError, UnicodeDecodeError, ValueError):
                continue
            for node in ast.walk(tree):
                if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                    doc = ast.get_docstring(node)
                    if doc:
                        yield is_test, doc
            for block in comment_blocks(source):
                yield is_test, block


def sentences(count):
    from pydoc_data.topics import topics
    sources = [(False, topics[k]) for k in sorted(topics)] + list(stdlib_texts())
    seen, main, tests = set(), [], []
    for is_test, text in sources:
        for para in paragraphs(text):
            for s in SENTENCE_BREAK.split(para):
                s = s.strip()
                words = s.split()
                if not 5 <= len(words) <= 40 or not s[0].isupper() or not s.endswith("."):
                    continue
                if sum(1 for w in words if PLAIN_WORD.match(w.rstrip("."))) < 0.8 * len(words):
                    continue
                key = " ".join(s.lower().split())
                if key in seen:
                    continue
                seen.add(key)
                (tests if is_test else main).append(s)
    chosen = (main + tests)[:count]
    if len(chosen) < count:
        sys.exit(f"only {len(chosen)} sentences found, {count} wanted")
    random.Random(2026).shuffle(chosen)
    return chosen, len(main)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--model", default=os.path.join(ROOT, "models", "all-minilm-l6-v2"))
    parser.add_argument("--out", default=os.path.join(ROOT, "Tests", "Fixtures", "retrieval", "text-vectors-20k.i8"))
    parser.add_argument("--sentences-out", help="also write the sentences as JSON (not committed)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--dims", type=int, default=384, help="fewer: fixed random orthonormal projection")
    args = parser.parse_args()

    texts, from_main = sentences(args.count)
    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()
    print(f"python {sys.version.split()[0]}: {len(texts)} sentences ({from_main} outside test dirs), sha256 {digest[:16]}")
    if args.sentences_out:
        import json
        json.dump(texts, open(args.sentences_out, "w"), ensure_ascii=False, indent=0)

    import torch
    from sentence_transformers import SentenceTransformer
    torch.set_num_threads(args.threads)
    model = SentenceTransformer(args.model, device="cpu")
    vectors = model.encode(texts, batch_size=64, convert_to_numpy=True, normalize_embeddings=True).astype(np.float32)
    if args.dims < vectors.shape[1]:
        basis = np.linalg.qr(np.random.default_rng(5).standard_normal((vectors.shape[1], args.dims)))[0]
        vectors = vectors @ basis.astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)

    scales = np.abs(vectors).max(axis=1) / 127
    quantised = np.clip(np.rint(vectors / scales[:, None]), -127, 127).astype(np.int8)
    restored = quantised.astype(np.float32) * scales[:, None]
    cosine = np.sum(restored * vectors, axis=1) / np.linalg.norm(restored, axis=1)
    with open(args.out, "wb") as f:
        f.write(b"SVQ8" + struct.pack("<III", 1, len(texts), vectors.shape[1]))
        f.write(scales.astype("<f4").tobytes())
        f.write(quantised.tobytes())
    print(f"wrote {args.out}: {len(texts)} x {vectors.shape[1]}, {os.path.getsize(args.out)} bytes; "
          f"cosine to float32 min {cosine.min():.6f} mean {cosine.mean():.6f}")


if __name__ == "__main__":
    main()
