#!/usr/bin/env python3
"""Peer side of bench/retrieval/run.sh: prepares inputs, times sentence-transformers and
hnswlib on them, and compares with the Strata numbers the Swift bench printed."""
import json
import os
import random
import sys
import time

import numpy as np


def prepare(work, fixture, n_short, n_passages, n_vectors, n_queries, dim, k):
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
    data, queries = sample(n_vectors), sample(n_queries)
    truth = np.argsort(-(queries @ data.T), axis=1)[:, :k].astype(np.int32)
    data.tofile(os.path.join(work, "data.f32"))
    queries.tofile(os.path.join(work, "queries.f32"))
    truth.tofile(os.path.join(work, "truth.i32"))


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


def hnsw(work, dim, m, ef_construction, ef_search, k):
    import hnswlib
    data = np.fromfile(os.path.join(work, "data.f32"), dtype=np.float32).reshape(-1, dim)
    queries = np.fromfile(os.path.join(work, "queries.f32"), dtype=np.float32).reshape(-1, dim)
    truth = np.fromfile(os.path.join(work, "truth.i32"), dtype=np.int32).reshape(len(queries), k)
    index = hnswlib.Index(space="cosine", dim=dim)
    index.init_index(max_elements=len(data), M=m, ef_construction=ef_construction, random_seed=100)
    index.set_num_threads(1)
    start = time.thread_time()
    # One call, one thread: hnswlib at its best single-threaded, no Python overhead per item.
    index.add_items(data, np.arange(len(data)), num_threads=1)
    build = time.thread_time() - start
    index.set_ef(ef_search)
    # Best of three passes, like the Strata side: the machine is shared.
    search = filtered = float("inf")
    allowed = lambda label: label % 10 == 0
    for _ in range(3):
        start = time.thread_time()
        labels = index.knn_query(queries, k=k, num_threads=1)[0]
        search = min(search, time.thread_time() - start)
        start = time.thread_time()
        index.knn_query(queries, k=k, num_threads=1, filter=allowed)
        filtered = min(filtered, time.thread_time() - start)
    hits = sum(len(set(l.tolist()) & set(t.tolist())) for l, t in zip(labels, truth))
    return {"n": len(data), "buildSeconds": build, "qps": len(queries) / search,
            "recall": hits / (len(queries) * k), "filteredQps": len(queries) / filtered}


def main():
    cmd, work = sys.argv[1], sys.argv[2]
    if cmd == "prepare":
        prepare(work, sys.argv[3], *map(int, sys.argv[4:10]))
    elif cmd == "embed":
        print(json.dumps(embed(work, sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]))))
    elif cmd == "hnsw":
        print(json.dumps(hnsw(work, *map(int, sys.argv[3:8]))))


if __name__ == "__main__":
    main()
