"""Aggregate decode throughput, time to first token and latency at several concurrencies,
against any OpenAI-compatible server (Strata, or llama-server for comparison).

Every request streams `max_tokens` tokens of a distinct prompt at temperature 0, with
`ignore_eos` where the server supports it so every request produces the same count.
Usage: python concurrency.py BASE_URL MODEL [LEVELS] [TOKENS]   e.g. ... 1,4,16 128
"""
import asyncio
import statistics
import sys
import time

import openai

base, model = sys.argv[1], sys.argv[2]
levels = [int(x) for x in (sys.argv[3] if len(sys.argv) > 3 else "1,4,16").split(",")]
tokens = int(sys.argv[4]) if len(sys.argv) > 4 else 128
client = openai.AsyncOpenAI(base_url=base + "/v1", api_key="unused", max_retries=0, timeout=600)
topics = ["rivers", "mountains", "bread", "trains", "cats", "the sea", "winter", "coffee", "libraries", "bicycles", "rain",
          "lighthouses", "gardens", "music", "bridges", "forests"]


async def one(i):
    started = time.perf_counter()
    first, produced = None, 0
    stream = await client.chat.completions.create(
        model=model, stream=True, max_tokens=tokens, temperature=0,
        messages=[{"role": "user", "content": f"Write a long essay about {topics[i % len(topics)]} (#{i})."}],
        stream_options={"include_usage": True}, extra_body={"ignore_eos": True})
    async for chunk in stream:
        if first is None and chunk.choices and chunk.choices[0].delta.content:
            first = time.perf_counter() - started
        if chunk.usage:
            produced = chunk.usage.completion_tokens
    return first or 0, time.perf_counter() - started, produced


async def level(c):
    started = time.perf_counter()
    results = await asyncio.gather(*(one(i) for i in range(c)))
    wall = time.perf_counter() - started
    ttft = sorted(r[0] for r in results)
    latency = sorted(r[1] for r in results)
    produced = sum(r[2] for r in results)
    p90 = lambda xs: xs[min(len(xs) - 1, int(0.9 * len(xs)))]
    print(f"c={c:<3} {produced / wall:8.1f} tok/s aggregate | TTFT p50 {statistics.median(ttft) * 1000:7.0f} ms "
          f"p90 {p90(ttft) * 1000:7.0f} ms | latency p50 {statistics.median(latency):6.2f} s p90 {p90(latency):6.2f} s "
          f"| {produced} tokens")


async def main():
    await one(0)  # warm up
    for c in levels:
        await level(c)


asyncio.run(main())
