"""The official `anthropic` package against Strata's /v1/messages, on every kind of model."""
import anthropic
import pytest

MODELS = ["gpt-test", "claude-test", "gemini-test"]


@pytest.mark.parametrize("model", MODELS)
def test_messages(claude, model):
    message = claude.messages.create(model=model, max_tokens=64, system="be brief",
                                     messages=[{"role": "user", "content": "hi"}])
    assert message.content[0].text == "Hello from the fake upstream"
    assert message.stop_reason == "end_turn"
    assert message.usage.output_tokens == 5


@pytest.mark.parametrize("model", MODELS)
def test_messages_stream(claude, model):
    with claude.messages.stream(model=model, max_tokens=64, messages=[{"role": "user", "content": "hi"}]) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert text == "Hello from the fake upstream"
    assert final.stop_reason == "end_turn"


def test_tool_use(claude):
    tools = [{"name": "get_weather", "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}}]
    for model in MODELS:
        message = claude.messages.create(model=model, max_tokens=64, tools=tools,
                                         messages=[{"role": "user", "content": "Weather in Paris?"}])
        uses = [block for block in message.content if block.type == "tool_use"]
        assert uses and uses[0].name == "get_weather" and uses[0].input == {"city": "Paris"}, model
        assert message.stop_reason == "tool_use"


def test_unknown_model(claude):
    with pytest.raises(anthropic.NotFoundError):
        claude.messages.create(model="nope", max_tokens=5, messages=[{"role": "user", "content": "hi"}])
