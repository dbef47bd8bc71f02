"""The official `openai` package against a running Strata."""
import json

import openai
import pytest

MODELS = ["gpt-test", "claude-test", "gemini-test"]
WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Weather in a city",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}


def test_models_list(client):
    ids = [m.id for m in client.models.list()]
    assert ids == ["gpt-test", "claude-test", "gemini-test", "embed-test", "smollm2-135m", "all-minilm-l6-v2"]
    assert client.models.retrieve("claude-test").owned_by == "anthropic"


@pytest.mark.parametrize("model", MODELS)
def test_chat(client, model):
    response = client.chat.completions.with_raw_response.create(
        model=model, messages=[{"role": "system", "content": "be brief"}, {"role": "user", "content": "hi"}]
    )
    assert response.headers["x-strata-trace-id"].startswith("trace_")
    completion = response.parse()
    assert completion.model == model
    assert completion.choices[0].message.content == "Hello from the fake upstream"
    assert completion.choices[0].finish_reason == "stop"
    assert completion.usage.completion_tokens == 5


@pytest.mark.parametrize("model", MODELS)
def test_stream_with_usage(client, model):
    stream = client.chat.completions.create(
        model=model, messages=[{"role": "user", "content": "hi"}], stream=True, stream_options={"include_usage": True}
    )
    text, usage, finish = "", None, None
    for chunk in stream:
        if chunk.usage:
            usage = chunk.usage
        for choice in chunk.choices:
            text += choice.delta.content or ""
            finish = choice.finish_reason or finish
    assert text == "Hello from the fake upstream"
    assert finish == "stop"
    assert usage is not None and usage.completion_tokens == 5


@pytest.mark.parametrize("model", MODELS)
def test_tool_calls(client, model):
    completion = client.chat.completions.create(
        model=model, messages=[{"role": "user", "content": "Weather in Paris?"}], tools=[WEATHER_TOOL]
    )
    call = completion.choices[0].message.tool_calls[0]
    assert completion.choices[0].finish_reason == "tool_calls"
    assert call.function.name == "get_weather"
    assert json.loads(call.function.arguments)["city"] == "Paris"


@pytest.mark.parametrize("model", MODELS)
def test_streamed_tool_call_arguments_reassemble(client, model):
    stream = client.chat.completions.create(
        model=model, messages=[{"role": "user", "content": "Weather?"}], tools=[WEATHER_TOOL], stream=True
    )
    calls = {}
    for chunk in stream:
        for choice in chunk.choices:
            for delta in choice.delta.tool_calls or []:
                entry = calls.setdefault(delta.index, {"name": "", "arguments": ""})
                entry["name"] += delta.function.name or ""
                entry["arguments"] += delta.function.arguments or ""
    assert calls[0]["name"] == "get_weather"
    assert json.loads(calls[0]["arguments"]) == {"city": "Paris"}


def test_tool_result_round_trip(client):
    messages = [
        {"role": "user", "content": "Weather in Paris?"},
        {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
                                              "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}]},
        {"role": "tool", "tool_call_id": "call_1", "content": "{\"temp\": 21}"},
    ]
    for model in MODELS:
        completion = client.chat.completions.create(model=model, messages=messages, tools=[WEATHER_TOOL])
        assert completion.choices[0].message.content == "Hello from the fake upstream", model


def test_json_schema(client):
    schema = {"type": "object", "properties": {"city": {"type": "string"}, "temp": {"type": "integer"}},
              "required": ["city", "temp"]}
    for model in ["gpt-test", "gemini-test"]:
        completion = client.chat.completions.create(
            model=model, messages=[{"role": "user", "content": "weather as json"}],
            response_format={"type": "json_schema", "json_schema": {"name": "weather", "schema": schema}},
        )
        data = json.loads(completion.choices[0].message.content)
        assert data["temp"] == 42 and isinstance(data["city"], str), model


def test_embeddings(client):
    result = client.embeddings.create(model="embed-test", input=["one", "two"])  # the client asks for base64
    assert len(result.data) == 2
    assert len(result.data[0].embedding) == 8
    assert abs(sum(v * v for v in result.data[0].embedding) - 1) < 1e-5
    assert result.usage.prompt_tokens > 0
    floats = client.embeddings.create(model="embed-test", input="one", encoding_format="float")
    assert floats.data[0].embedding == pytest.approx(result.data[0].embedding, abs=1e-6)


def test_legacy_completions(client):
    completion = client.completions.create(model="gpt-test", prompt="Once upon a time", max_tokens=8)
    assert completion.choices[0].text == "Hello from the fake upstream"


def test_unknown_model_is_404(client):
    with pytest.raises(openai.NotFoundError) as raised:
        client.chat.completions.create(model="nope", messages=[{"role": "user", "content": "hi"}])
    assert raised.value.code == "model_not_found"


def test_wrong_key_is_401(base_url):
    bad = openai.OpenAI(base_url=base_url + "/v1", api_key="sk-wrong", max_retries=0)
    with pytest.raises(openai.AuthenticationError) as raised:
        bad.models.list()
    assert raised.value.code == "invalid_api_key"


def test_bad_field_is_400_naming_it(client):
    with pytest.raises(openai.BadRequestError) as raised:
        client.chat.completions.create(model="gpt-test", messages=[{"role": "user", "content": "hi"}], temperature=9)
    assert raised.value.code == "invalid_field"
    assert raised.value.param == "temperature"


def test_virtual_key_limits_models(client, base_url, master_key):
    import urllib.request

    request = urllib.request.Request(
        base_url + "/admin/keys", method="POST", data=json.dumps({"name": "e2e", "models": ["gpt-test"]}).encode(),
        headers={"Authorization": f"Bearer {master_key}", "Content-Type": "application/json"},
    )
    secret = json.load(urllib.request.urlopen(request))["key"]
    scoped = openai.OpenAI(base_url=base_url + "/v1", api_key=secret, max_retries=0)
    assert [m.id for m in scoped.models.list()] == ["gpt-test"]
    scoped.chat.completions.create(model="gpt-test", messages=[{"role": "user", "content": "hi"}])
    with pytest.raises(openai.PermissionDeniedError) as raised:
        scoped.chat.completions.create(model="claude-test", messages=[{"role": "user", "content": "hi"}])
    assert raised.value.code == "model_not_allowed"


def test_traces_are_recorded(client, base_url, master_key):
    import time
    import urllib.request

    raw = client.chat.completions.with_raw_response.create(model="gpt-test", messages=[{"role": "user", "content": "trace me"}])
    trace_id = raw.headers["x-strata-trace-id"]
    for _ in range(100):
        request = urllib.request.Request(f"{base_url}/v1/strata/traces/{trace_id}",
                                         headers={"Authorization": f"Bearer {master_key}"})
        try:
            trace = json.load(urllib.request.urlopen(request))
            break
        except urllib.error.HTTPError:
            time.sleep(0.05)
    assert trace["model_requested"] == "gpt-test"
    assert trace["completion_tokens"] == 5
    assert trace["cost"] > 0
