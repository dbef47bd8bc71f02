import XCTest
@testable import StrataEngine

final class ChatTemplateTests: XCTestCase {
    let conversation = [ChatTurn(role: "system", content: "Be brief."), ChatTurn(role: "user", content: "Hi"),
                        ChatTurn(role: "assistant", content: "Hello!"), ChatTurn(role: "user", content: "  Bye  ")]

    static let smolTemplate = "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}{{ '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n' }}{% endif %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"

    func testSmolLM2TemplateFromModel() throws {
        let model = try LocalModel(path: TestFiles.smolLM2())
        XCTAssertEqual(model.chatTemplate?.source, Self.smolTemplate)
        let r = try model.renderChat([ChatTurn(role: "user", content: "Hi")])
        XCTAssertEqual(r, "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n")
        let noPrompt = try model.renderChat(conversation, addGenerationPrompt: false)
        XCTAssertEqual(noPrompt, "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello!<|im_end|>\n<|im_start|>user\n  Bye  <|im_end|>\n")
    }

    func testQwen2Template() throws {
        let src = "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}{{ '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{% endif %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
        let r = try ChatTemplate(src).render(messages: [ChatTurn(role: "user", content: "Hi")], addGenerationPrompt: true)
        XCTAssertEqual(r, "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n")
    }

    /// Qwen2.5's template (tool-calling branches, `{%-` whitespace control everywhere), as
    /// published in its tokenizer_config.json.
    static let qwen25Template = "{%- if tools %}\n    {{- '<|im_start|>system\\n' }}\n    {%- if messages[0]['role'] == 'system' %}\n        {{- messages[0]['content'] }}\n    {%- else %}\n        {{- 'You are Qwen, created by Alibaba Cloud. You are a helpful assistant.' }}\n    {%- endif %}\n    {{- \"\\n\\n# Tools\\n\\nYou may call one or more functions to assist with the user query.\\n\\nYou are provided with function signatures within <tools></tools> XML tags:\\n<tools>\" }}\n    {%- for tool in tools %}\n        {{- \"\\n\" }}\n        {{- tool | tojson }}\n    {%- endfor %}\n    {{- \"\\n</tools>\\n\\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\\n<tool_call>\\n{\\\"name\\\": <function-name>, \\\"arguments\\\": <args-json-object>}\\n</tool_call><|im_end|>\\n\" }}\n{%- else %}\n    {%- if messages[0]['role'] == 'system' %}\n        {{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}\n    {%- else %}\n        {{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\\n' }}\n    {%- endif %}\n{%- endif %}\n{%- for message in messages %}\n    {%- if (message.role == \"user\") or (message.role == \"system\" and not loop.first) or (message.role == \"assistant\" and not message.tool_calls) %}\n        {{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}\n    {%- elif message.role == \"assistant\" %}\n        {{- '<|im_start|>' + message.role }}\n        {%- if message.content %}\n            {{- '\\n' + message.content }}\n        {%- endif %}\n        {%- for tool_call in message.tool_calls %}\n            {%- if tool_call.function is defined %}\n                {%- set tool_call = tool_call.function %}\n            {%- endif %}\n            {{- '\\n<tool_call>\\n{\"name\": \"' }}\n            {{- tool_call.name }}\n            {{- '\", \"arguments\": ' }}\n            {{- tool_call.arguments | tojson }}\n            {{- '}\\n</tool_call>' }}\n        {%- endfor %}\n        {{- '<|im_end|>\\n' }}\n    {%- elif message.role == \"tool\" %}\n        {%- if (loop.index0 == 0) or (messages[loop.index0 - 1].role != \"tool\") %}\n            {{- '<|im_start|>user' }}\n        {%- endif %}\n        {{- '\\n<tool_response>\\n' }}\n        {{- message.content }}\n        {{- '\\n</tool_response>' }}\n        {%- if loop.last or (messages[loop.index0 + 1].role != \"tool\") %}\n            {{- '<|im_end|>\\n' }}\n        {%- endif %}\n    {%- endif %}\n{%- endfor %}\n{%- if add_generation_prompt %}\n    {{- '<|im_start|>assistant\\n' }}\n{%- endif %}\n"

    func testQwen25TemplateWithoutTools() throws {
        let turns = [ChatTurn(role: "user", content: "Hello"), ChatTurn(role: "assistant", content: "Hi there"), ChatTurn(role: "user", content: "Bye")]
        let r = try ChatTemplate(Self.qwen25Template).render(messages: turns, addGenerationPrompt: true)
        XCTAssertEqual(r, "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\nHi there<|im_end|>\n<|im_start|>user\nBye<|im_end|>\n<|im_start|>assistant\n")
        let withSystem = try ChatTemplate(Self.qwen25Template).render(messages: [ChatTurn(role: "system", content: "Be terse.")] + turns, addGenerationPrompt: false)
        XCTAssertTrue(withSystem.hasPrefix("<|im_start|>system\nBe terse.<|im_end|>\n<|im_start|>user\nHello"), withSystem)
        XCTAssertTrue(withSystem.hasSuffix("<|im_start|>user\nBye<|im_end|>\n"), withSystem)
    }

    func testLlama3Template() throws {
        let src = "{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}"
        let r = try ChatTemplate(src).render(messages: conversation, addGenerationPrompt: true, bosToken: "<|begin_of_text|>")
        XCTAssertEqual(r, "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nHello!<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nBye<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n")
    }

    func testWhitespaceControlTrimBlocksAndNamespaces() throws {
        let src = """
        {%- set ns = namespace(count=0) -%}
        {% for m in messages if m.role != 'system' %}
            {%- set ns.count = ns.count + 1 %}
          [{{ loop.index }}/{{ loop.length }}] {{ m.role | upper }}: {{ m.content.strip() }}
        {% endfor %}
        total={{ ns.count }}{{ ' last' if messages[-1]['role'] == 'user' else '' }}
        {#- comment -#}
        {{ messages[1:3] | map(attribute='role') | join(',') }} {{ (messages | length) // 3 }} {{ 'x' ~ 5 }} {{ undefined_var is defined }}
        """
        let r = try ChatTemplate(src).render(messages: conversation, addGenerationPrompt: false)
        XCTAssertEqual(r, "  [1/3] USER: Hi\n  [2/3] ASSISTANT: Hello!\n  [3/3] USER: Bye\ntotal=3 lastuser,assistant 1 x5 False")
    }

    func testElifElseAndRaise() throws {
        let src = "{% for m in messages %}{% if m.role == 'system' %}S{% elif m.role == 'user' %}U{% else %}A{% endif %}{% endfor %}{% if messages|length > 10 %}{{ raise_exception('too long') }}{% endif %}"
        XCTAssertEqual(try ChatTemplate(src).render(messages: conversation, addGenerationPrompt: false), "SUAU")
        let raising = try ChatTemplate("{{ raise_exception('Conversation roles must alternate') }}")
        XCTAssertThrowsError(try raising.render(messages: [], addGenerationPrompt: false)) {
            XCTAssertEqual($0 as? TemplateError, .raised("Conversation roles must alternate"))
        }
    }

    func testSyntaxErrorsAreReported() {
        for bad in ["{% for x in y %}", "{{ 'unterminated }}", "{% if %}{% endif %}", "{% macro m() %}{% endmacro %}", "{{ a + }}"] {
            XCTAssertThrowsError(try ChatTemplate(bad), bad)
        }
    }
}
