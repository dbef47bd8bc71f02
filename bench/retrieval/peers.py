#!/usr/bin/env python3
"""Peer side of bench/retrieval/run.sh: prepares inputs, times sentence-transformers and
hnswlib on them, and compares with the Strata numbers the Swift bench printed."""
import json
import os
import random
import struct
import sys
import time

import numpy as np


FILTER_PERCENTS = (1, 10, 50)  # labels with label % (100 // P) == 0 pass; the Swift side agrees


def write_set(directory, data, queries, k):
    """One HNSW input set: vectors, queries, numpy's exact top-k, and the top-k among the labels
    each filter lets through (a label is the vector's row)."""
    os.makedirs(directory, exist_ok=True)
    scores = queries @ data.T
    np.argsort(-scores, axis=1)[:, :k].astype(np.int32).tofile(os.path.join(directory, "truth.i32"))
    for percent in FILTER_PERCENTS:
        allowed = np.arange(0, len(data), 100 // percent)
        top = allowed[np.argsort(-scores[:, allowed], axis=1)[:, :k]]
        top.astype(np.int32).tofile(os.path.join(directory, f"truth-{percent}.i32"))
    data.tofile(os.path.join(directory, "data.f32"))
    queries.tofile(os.path.join(directory, "queries.f32"))


def read_text_vectors(path):
    """Tests/Fixtures/retrieval/text-vectors-20k.i8 (see make-text-vectors.py), dequantised."""
    raw = open(path, "rb").read()
    assert raw[:4] == b"SVQ8", path
    _, count, dim = struct.unpack("<III", raw[4:16])
    scales = np.frombuffer(raw[16:16 + 4 * count], dtype="<f4")
    values = np.frombuffer(raw[16 + 4 * count:], dtype=np.int8).reshape(count, dim)
    vectors = values.astype(np.float32) * scales[:, None]
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def prepare(work, fixture, text_vectors, n_short, n_passages, n_vectors, n_queries, dim, k):
    random.seed(7)
    sentences = [e["text"] for e in json.load(open(fixture, encoding="utf-8"))["entries"] if e["text"].strip()]
    short = [random.choice(sentences) + ("" if i < len(sentences) else f" ({i})") for i in range(n_short)]
    passages = [" ".join(random.choice(sentences) for _ in range(14)) for _ in range(n_passages)]
    json.dump(short, open(os.path.join(work, "short.json"), "w"), ensure_ascii=False)
    json.dump(passages, open(os.path.join(work, "passages.json"), "w"), ensure_ascii=False)

    # Clustered vectors (closer to embeddings than uniform noise), unit length for cosine.
    rng = np.random.default_rng(11)
    centres = rng.standard_normal((64, dim)).astype(np.float32)
    def sample(n):
        x = centres[rng.integers(0, len(centres), n)] + 0.8 * rng.standard_normal((n, dim)).astype(np.float32)
        return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)
    write_set(os.path.join(work, "clustered"), sample(n_vectors), sample(n_queries), k)

    # Real text: 20k sentence embeddings, every 100th held out as a query.
    vectors = read_text_vectors(text_vectors).astype(np.float32)
    held = np.zeros(len(vectors), dtype=bool)
    held[::100] = True
    write_set(os.path.join(work, "text"), np.ascontiguousarray(vectors[~held]), np.ascontiguousarray(vectors[held]), k)
    json.dump({"clustered": dim, "text": vectors.shape[1]}, open(os.path.join(work, "dims.json"), "w"))


def embed(work, model_dir, name, threads, repeats):
    import torch
    from sentence_transformers import SentenceTransformer
    torch.set_num_threads(threads)
    texts = json.load(open(os.path.join(work, name + ".json"), encoding="utf-8"))
    model = SentenceTransformer(model_dir, device="cpu")
    model.encode(texts[:64], batch_size=32)
    best = best_cpu = float("inf")
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.thread_time()
        vectors = model.encode(texts, batch_size=32, convert_to_numpy=True, normalize_embeddings=True)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.thread_time() - start_cpu)
    ours = np.fromfile(os.path.join(work, name + ".strata.f32"), dtype=np.float32).reshape(vectors.shape)
    cos = np.sum(ours * vectors, axis=1) / (np.linalg.norm(ours, axis=1) * np.linalg.norm(vectors, axis=1))
    return {"seconds": best, "textsPerSecond": len(texts) / best, "textsPerCPUSecond": len(texts) / best_cpu,
            "cosineMin": float(cos.min()), "cosineMean": float(cos.mean())}


def recall(labels, truth):
    return sum(len(set(l.tolist()) & set(t.tolist())) for l, t in zip(labels, truth)) / truth.size


def hnsw(directory, dim, m, ef_construction, ef_search, k):
    import hnswlib
    data = np.fromfile(os.path.join(directory, "data.f32"), dtype=np.float32).reshape(-1, dim)
    queries = np.fromfile(os.path.join(directory, "queries.f32"), dtype=np.float32).reshape(-1, dim)
    truth = np.fromfile(os.path.join(directory, "truth.i32"), dtype=np.int32).reshape(len(queries), k)
    index = hnswlib.Index(space="cosine", dim=dim)
    index.init_index(max_elements=len(data), M=m, ef_construction=ef_construction, random_seed=100)
    index.set_num_threads(1)
    start = time.thread_time()
    # One call, one thread: hnswlib at its best single-threaded, no Python overhead per item.
    index.add_items(data, np.arange(len(data)), num_threads=1)
    build = time.thread_time() - start
    index.set_ef(ef_search)

    def timed(**options):
        # Best of three passes, like the Strata side: the machine is shared.
        best, labels = float("inf"), None
        for _ in range(3):
            start = time.thread_time()
            labels = index.knn_query(queries, k=k, num_threads=1, **options)[0]
            best = min(best, time.thread_time() - start)
        return len(queries) / best, labels

    qps, labels = timed()
    report = {"n": len(data), "buildSeconds": build, "qps": qps, "recall": recall(labels, truth)}
    for percent in FILTER_PERCENTS:
        modulus = 100 // percent
        filtered_truth = np.fromfile(os.path.join(directory, f"truth-{percent}.i32"), dtype=np.int32).reshape(len(queries), k)
        try:
            # A Python call per candidate the walk meets: part of what hnswlib's filter costs.
            qps, labels = timed(filter=lambda label: label % modulus == 0)
            report[f"f{percent}Qps"], report[f"f{percent}Recall"] = qps, recall(labels, filtered_truth)
        except RuntimeError as error:  # fewer than k found for some query
            report[f"f{percent}Error"] = str(error)
    return report


def table(title, strata, peer):
    """Markdown rows comparing one set's Strata and hnswlib reports (ratios > 1: Strata faster)."""
    s, p = json.loads(strata), json.loads(peer)
    rows = [f"| {title}, {s['n']:,} x {s['dimensions']} | Strata | hnswlib | ratio |", "|---|---|---|---|",
            f"| build | {s['buildSeconds']:.2f} s | {p['buildSeconds']:.2f} s | {p['buildSeconds'] / s['buildSeconds']:.2f}x |",
            f"| search | {s['qps']:,.0f} QPS, recall {s['recall']:.4f} | {p['qps']:,.0f} QPS, recall {p['recall']:.4f} "
            f"| {s['qps'] / p['qps']:.2f}x |"]
    for percent in FILTER_PERCENTS:
        f = f"f{percent}"
        exact = s[f + "Matches"] < s["exactSearchThreshold"]
        served = f"{s[f + 'Qps']:,.0f} QPS, recall {s[f + 'Recall']:.4f}"
        walked = f"{s[f + 'WalkQps']:,.0f} QPS, recall {s[f + 'WalkRecall']:.4f}"
        ours = f"{'exact scan' if exact else 'walk'}: {served}" + (f"; walk only: {walked}" if exact else "")
        if f + "Qps" in p:
            theirs = f"{p[f + 'Qps']:,.0f} QPS, recall {p[f + 'Recall']:.4f}"
            ratio = f"{s[f + 'Qps'] / p[f + 'Qps']:.2f}x" + (f" (walk {s[f + 'WalkQps'] / p[f + 'Qps']:.2f}x)" if exact else "")
        else:
            theirs, ratio = f"failed: {p.get(f + 'Error', '?')}", ""
        rows.append(f"| filter {percent}% ({s[f + 'Matches']:,} pass) | {ours} | {theirs} | {ratio} |")
    rows.append(f"| snapshot | save {s['saveSeconds']:.2f} s, load {s['loadSeconds']:.2f} s | | |")
    return "\n".join(rows)


def main():
    cmd, work = sys.argv[1], sys.argv[2]
    if cmd == "prepare":
        prepare(work, sys.argv[3], sys.argv[4], *map(int, sys.argv[5:11]))
    elif cmd == "embed":
        print(json.dumps(embed(work, sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]))))
    elif cmd == "hnsw":
        print(json.dumps(hnsw(work, *map(int, sys.argv[3:8]))))
    elif cmd == "table":  # here `work` is the table's title
        print(table(work, sys.argv[3], sys.argv[4]))


if __name__ == "__main__":
    main()
