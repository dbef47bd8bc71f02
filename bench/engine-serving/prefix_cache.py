"""Time to first token with and without the prefix cache, through the running server.

Two ~1,000-token system prompts alternate (so reusing only the previous request would not
help); each is asked several questions. The first request of each prompt is cold (nothing
cached); the later ones find its blocks in the cache. Prints median TTFT of both and the ratio.
Usage: python prefix_cache.py BASE_URL [ROUNDS]
"""
import statistics
import sys
import time

import openai

base = sys.argv[1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
client = openai.OpenAI(base_url=base + "/v1", api_key="unused", max_retries=0)
prompts = [
    "You are the support assistant of a bicycle shop. " + "Answer briefly, cite the manual section, never invent prices. " * 90,
    "You are the travel desk of a large company. " + "Prefer trains under 600 km, book economy, keep receipts for expenses. " * 90,
]
questions = ["How do I fix a flat tyre?", "Can I take the train to Lyon?", "What should I do first?", "Who do I call?",
             "Is there a deadline?", "What does it cost?", "Where is the form?"]


def ttft(system, question, salt):
    started = time.perf_counter()
    stream = client.chat.completions.create(
        model="smollm2-135m", stream=True, max_tokens=4, temperature=0,
        messages=[{"role": "system", "content": system}, {"role": "user", "content": f"{question} ({salt})"}])
    first = None
    cached = None
    for chunk in stream:
        if first is None and chunk.choices and chunk.choices[0].delta.content:
            first = time.perf_counter() - started
        if chunk.usage and chunk.usage.prompt_tokens_details:
            cached = chunk.usage.prompt_tokens_details.cached_tokens
    return first if first is not None else time.perf_counter() - started, cached


cold, warm = [], []
for r in range(rounds):
    for i, system in enumerate(prompts):
        # A never-seen variant of the system prompt is cold; the shared one is warm after its first use.
        seconds, cached = ttft(f"[session {r}-{i}] " + system, questions[r % len(questions)], r)
        cold.append(seconds)
        seconds, cached = ttft(system, questions[(r + 1) % len(questions)], r)
        if r > 0:
            warm.append(seconds)
print(f"cold TTFT median {statistics.median(cold) * 1000:.1f} ms over {len(cold)} requests (~1,000-token system prompt, nothing cached)")
print(f"warm TTFT median {statistics.median(warm) * 1000:.1f} ms over {len(warm)} requests (prompt blocks cached, prompts alternating)")
print(f"ratio {statistics.median(cold) / statistics.median(warm):.1f}x")
