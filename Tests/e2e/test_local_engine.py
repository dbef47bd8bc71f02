"""The bundled models on Strata's own engine, through the official clients."""
import json
import math

import openai
import pytest


def test_local_chat_is_deterministic_at_temperature_zero(client):
    ask = dict(model="smollm2-135m", messages=[{"role": "user", "content": "What is 2+2?"}], max_tokens=16, temperature=0)
    first = client.chat.completions.create(**ask)
    second = client.chat.completions.create(**ask)
    assert first.choices[0].message.content
    assert first.choices[0].message.content == second.choices[0].message.content
    assert first.usage.completion_tokens <= 16
    assert first.choices[0].finish_reason in ("stop", "length")


def test_local_speculative_decoding_keeps_the_answer(client):
    passage = "The Rhine rises in the Swiss Alps, flows through Lake Constance and reaches the North Sea in the Netherlands."
    ask = dict(model="smollm2-135m", messages=[{"role": "user", "content": "Repeat word for word: " + passage}],
               max_tokens=48, temperature=0)
    plain = client.chat.completions.create(**ask).choices[0].message.content
    drafted = client.chat.completions.create(**ask, extra_body={"draft_tokens": 8}).choices[0].message.content
    assert plain == drafted


def test_local_prefix_cache_reports_cached_tokens(client):
    system = "You answer questions about the company handbook briefly and politely. " * 12
    def ask(question):
        return client.chat.completions.create(
            model="smollm2-135m", max_tokens=8, temperature=0,
            messages=[{"role": "system", "content": system}, {"role": "user", "content": question}])
    ask("How many vacation days?")
    second = ask("Can I work remotely?")
    assert second.usage.prompt_tokens_details.cached_tokens >= 128
    assert second.usage.prompt_tokens_details.cached_tokens < second.usage.prompt_tokens
    import urllib.request
    metrics = urllib.request.urlopen(str(client.base_url).replace("/v1/", "/metrics").rstrip("/"), timeout=10).read().decode()
    assert 'strata_engine_kv_blocks{model="smollm2-135m",state="capacity"}' in metrics
    hits = [line for line in metrics.splitlines() if line.startswith('strata_engine_prefix_cache_hits_total{model="smollm2-135m"}')]
    assert hits and int(hits[0].split()[-1]) >= 2


def test_local_stream_matches_whole_answer(client):
    ask = dict(model="smollm2-135m", messages=[{"role": "user", "content": "Name a colour."}], max_tokens=12, temperature=0)
    whole = client.chat.completions.create(**ask).choices[0].message.content
    text, usage = "", None
    for chunk in client.chat.completions.create(**ask, stream=True, stream_options={"include_usage": True}):
        usage = chunk.usage or usage
        for choice in chunk.choices:
            text += choice.delta.content or ""
    assert text == whole
    assert usage.completion_tokens > 0


def test_local_stop_and_logprobs(client):
    completion = client.chat.completions.create(
        model="smollm2-135m", messages=[{"role": "user", "content": "Count: one, two, three, four"}],
        max_tokens=20, temperature=0, logprobs=True, top_logprobs=2)
    content = completion.choices[0].logprobs.content
    assert content and all(entry.logprob <= 0 for entry in content)
    assert all(len(entry.top_logprobs) == 2 for entry in content)


def test_local_raw_completion(client):
    completion = client.completions.create(model="smollm2-135m", prompt="The capital of France is", max_tokens=8, temperature=0)
    assert completion.choices[0].text
    assert completion.usage.prompt_tokens > 0


def test_local_embeddings(client):
    result = client.embeddings.create(model="all-minilm-l6-v2", input=["A cat sits on the mat.", "A kitten rests on a rug.",
                                                                       "Stock markets fell sharply today."])
    vectors = [item.embedding for item in result.data]
    assert len(vectors[0]) == 384
    assert math.isclose(sum(v * v for v in vectors[0]), 1.0, rel_tol=1e-4)
    cosine = lambda a, b: sum(x * y for x, y in zip(a, b))
    assert cosine(vectors[0], vectors[1]) > cosine(vectors[0], vectors[2])


def test_local_json_schema_output_always_parses(client):
    schema = {"type": "object", "additionalProperties": False, "required": ["city", "population", "tags"],
              "properties": {"city": {"type": "string", "maxLength": 40}, "population": {"type": "integer"},
                             "tags": {"type": "array", "items": {"type": "string", "enum": ["coast", "river", "capital"]},
                                      "maxItems": 3}}}
    answer = client.chat.completions.create(
        model="smollm2-135m", temperature=0, max_tokens=120,
        messages=[{"role": "user", "content": "Describe Lisbon as JSON."}],
        response_format={"type": "json_schema", "json_schema": {"name": "city", "schema": schema, "strict": True}})
    value = json.loads(answer.choices[0].message.content)
    assert set(value) == {"city", "population", "tags"}
    assert isinstance(value["population"], int)
    assert all(tag in ("coast", "river", "capital") for tag in value["tags"])
    mode = client.chat.completions.create(model="smollm2-135m", temperature=0, max_tokens=60,
                                          messages=[{"role": "user", "content": "A JSON object about cats."}],
                                          response_format={"type": "json_object"})
    if mode.choices[0].finish_reason == "stop":
        assert isinstance(json.loads(mode.choices[0].message.content), dict)


def test_local_tool_calls_are_valid_calls(client):
    tools = [
        {"type": "function", "function": {"name": "get_weather", "description": "Current weather in a city",
         "parameters": {"type": "object", "additionalProperties": False, "required": ["city", "unit"],
                        "properties": {"city": {"type": "string", "maxLength": 40},
                                       "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}}}}},
        {"type": "function", "function": {"name": "get_time", "description": "Current time in a timezone",
         "parameters": {"type": "object", "additionalProperties": False, "required": ["zone"],
                        "properties": {"zone": {"type": "string", "maxLength": 40}}}}},
    ]
    ask = dict(model="smollm2-135m", temperature=0, max_tokens=80, tools=tools,
               messages=[{"role": "user", "content": "What is the weather in Paris?"}])
    answer = client.chat.completions.create(**ask, tool_choice="required")
    call = answer.choices[0].message.tool_calls[0]
    assert answer.choices[0].finish_reason == "tool_calls"
    assert call.function.name in ("get_weather", "get_time")
    arguments = json.loads(call.function.arguments)
    if call.function.name == "get_weather":
        assert set(arguments) == {"city", "unit"} and arguments["unit"] in ("celsius", "fahrenheit")
    named = client.chat.completions.create(**ask, tool_choice={"type": "function", "function": {"name": "get_time"}})
    assert named.choices[0].message.tool_calls[0].function.name == "get_time"
    streamed_calls = []
    for chunk in client.chat.completions.create(**ask, tool_choice="required", stream=True):
        for choice in chunk.choices:
            streamed_calls += choice.delta.tool_calls or []
    assert streamed_calls and streamed_calls[0].function.name == call.function.name
    with pytest.raises(openai.BadRequestError) as raised:
        client.chat.completions.create(**ask)
    assert "tool_choice" in raised.value.message


def test_local_model_rejects_what_it_cannot_enforce(client):
    with pytest.raises(openai.BadRequestError) as raised:
        client.chat.completions.create(model="smollm2-135m", messages=[{"role": "user", "content": "x"}],
                                       response_format={"type": "json_schema", "json_schema": {
                                           "name": "n", "schema": {"type": "string", "pattern": "^a+$"}}})
    assert "pattern" in raised.value.message
