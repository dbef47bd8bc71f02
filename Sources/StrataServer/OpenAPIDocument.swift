import StrataCore

/// The OpenAPI 3.1 description of every route Strata serves, at `/openapi.json`.
enum OpenAPIDocument {
    static func operation(_ summary: String, tag: String, body: String? = nil, responses: JSONValue,
                          parameters: [JSONValue] = []) -> JSONValue {
        var op: [String: JSONValue] = ["summary": .string(summary), "tags": [.string(tag)], "responses": responses]
        if let body {
            op["requestBody"] = ["required": true, "content": ["application/json": ["schema": ["$ref": .string("#/components/schemas/\(body)")]]]]
        }
        if !parameters.isEmpty { op["parameters"] = .array(parameters) }
        return .object(op)
    }

    static func ok(_ schema: String, stream: Bool = false) -> JSONValue {
        var content: [String: JSONValue] = ["application/json": ["schema": ["$ref": .string("#/components/schemas/\(schema)")]]]
        if stream { content["text/event-stream"] = ["schema": ["type": "string"]] }
        return ["200": ["description": "OK", "content": .object(content)], "default": errorResponse]
    }

    static let errorResponse: JSONValue = [
        "description": "Error (OpenAI error shape with a stable code)",
        "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]],
    ]

    static func path(_ name: String) -> JSONValue {
        ["name": .string(name), "in": "path", "required": true, "schema": ["type": "string"]]
    }

    static func query(_ name: String, _ type: String = "string") -> JSONValue {
        ["name": .string(name), "in": "query", "required": false, "schema": ["type": .string(type)]]
    }

    static func object(_ required: [String], _ properties: [String: JSONValue]) -> JSONValue {
        ["type": "object", "required": .array(required.map { .string($0) }), "properties": .object(properties)]
    }

    static let document: JSONValue = [
        "openapi": "3.1.0",
        "info": ["title": "Strata", "version": "0.1.0",
                 "description": "OpenAI- and Anthropic-compatible LLM gateway with routing, failover and tracing."],
        "components": [
            "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
            "schemas": [
                "Error": object(["error"], ["error": object(["message", "type", "code"], [
                    "message": ["type": "string"], "type": ["type": "string"],
                    "param": ["type": ["string", "null"]], "code": ["type": "string"],
                ])]),
                "ChatCompletionRequest": object(["model", "messages"], [
                    "model": ["type": "string"], "messages": ["type": "array", "items": ["type": "object"]],
                    "stream": ["type": "boolean"], "stream_options": ["type": "object"],
                    "temperature": ["type": "number"], "top_p": ["type": "number"],
                    "max_tokens": ["type": "integer"], "max_completion_tokens": ["type": "integer"],
                    "n": ["type": "integer"], "stop": ["oneOf": [["type": "string"], ["type": "array", "items": ["type": "string"]]]],
                    "seed": ["type": "integer"], "tools": ["type": "array", "items": ["type": "object"]],
                    "tool_choice": [:], "parallel_tool_calls": ["type": "boolean"], "response_format": ["type": "object"],
                    "logprobs": ["type": "boolean"], "top_logprobs": ["type": "integer"], "user": ["type": "string"],
                    "metadata": ["type": "object"],
                ]),
                "ChatCompletion": ["type": "object"],
                "CompletionRequest": object(["model", "prompt"], [
                    "model": ["type": "string"], "prompt": ["oneOf": [["type": "string"], ["type": "array", "items": ["type": "string"]]]],
                    "max_tokens": ["type": "integer"], "stream": ["type": "boolean"],
                ]),
                "Completion": ["type": "object"],
                "EmbeddingRequest": object(["model", "input"], [
                    "model": ["type": "string"], "input": ["oneOf": [["type": "string"], ["type": "array"]]],
                    "encoding_format": ["type": "string", "enum": ["float"]],
                ]),
                "EmbeddingList": ["type": "object"],
                "ModelList": ["type": "object"],
                "Model": object(["id"], ["id": ["type": "string"], "object": ["type": "string"], "owned_by": ["type": "string"]]),
                "MessagesRequest": object(["model", "messages", "max_tokens"], [
                    "model": ["type": "string"], "messages": ["type": "array"], "max_tokens": ["type": "integer"],
                    "system": [:], "stream": ["type": "boolean"], "tools": ["type": "array"],
                ]),
                "Message": ["type": "object"],
                "CreateKey": object(["name"], [
                    "name": ["type": "string"], "models": ["type": "array", "items": ["type": "string"]],
                    "metadata": ["type": "object"], "expires_in_days": ["type": "number"],
                ]),
                "Key": ["type": "object"],
                "Price": object(["input", "output"], ["input": ["type": "number"], "output": ["type": "number"]]),
                "TraceList": ["type": "object"],
                "Trace": ["type": "object"],
                "Status": ["type": "object"],
                "CreateCollection": object(["name"], [
                    "name": ["type": "string"], "embedder": ["type": "string"], "tenant": ["type": "string"],
                    "settings": object([], [
                        "chunk_tokens": ["type": "integer"], "chunk_overlap": ["type": "integer"],
                        "metric": ["type": "string", "enum": ["cosine", "dot", "l2"]], "m": ["type": "integer"],
                        "ef_construction": ["type": "integer"], "ef_search": ["type": "integer"],
                        "vector_weight": ["type": "number"], "keyword_weight": ["type": "number"], "rrf_k": ["type": "number"],
                    ]),
                ]),
                "Collection": ["type": "object"],
                "AddDocuments": object(["documents"], [
                    "documents": ["type": "array", "items": object(["id", "text"], [
                        "id": ["type": "string"], "text": ["type": "string"], "title": ["type": "string"],
                        "source": ["type": "string"], "metadata": ["type": "object"],
                        "acl": object([], ["owners": ["type": "array"], "groups": ["type": "array"], "labels": ["type": "array"]]),
                    ])],
                    "prune_sources": ["type": "boolean"],
                ]),
                "IngestReport": ["type": "object"],
                "Search": object(["query"], [
                    "query": ["type": "string"], "k": ["type": "integer"], "filter": ["type": "object"],
                    "mode": ["type": "string", "enum": ["hybrid", "vector", "keyword"]], "ef_search": ["type": "integer"],
                ]),
                "SearchResults": ["type": "object"],
            ],
        ],
        "security": [["bearer": []]],
        "paths": [
            "/v1/chat/completions": ["post": operation("Create a chat completion (JSON or SSE)", tag: "openai",
                                                       body: "ChatCompletionRequest", responses: ok("ChatCompletion", stream: true))],
            "/v1/completions": ["post": operation("Create a text completion", tag: "openai", body: "CompletionRequest",
                                                  responses: ok("Completion", stream: true))],
            "/v1/embeddings": ["post": operation("Create embeddings", tag: "openai", body: "EmbeddingRequest",
                                                 responses: ok("EmbeddingList"))],
            "/v1/models": ["get": operation("List models", tag: "openai", responses: ok("ModelList"))],
            "/v1/models/{id}": ["get": operation("Get a model", tag: "openai", responses: ok("Model"), parameters: [path("id")])],
            "/v1/messages": ["post": operation("Anthropic Messages API (JSON or SSE), any model", tag: "anthropic",
                                               body: "MessagesRequest", responses: ok("Message", stream: true))],
            "/v1/strata/traces": ["get": operation(
                "List traces, newest first", tag: "strata", responses: ok("TraceList"),
                parameters: [query("since", "number"), query("until", "number"), query("model"), query("key"), query("status"),
                             query("limit", "integer"), query("after")])],
            "/v1/strata/traces/{id}": ["get": operation("Get one trace", tag: "strata", responses: ok("Trace"),
                                                        parameters: [path("id")])],
            "/v1/strata/collections": [
                "post": operation("Create a knowledge collection", tag: "knowledge", body: "CreateCollection",
                                  responses: ok("Collection")),
                "get": operation("List collections of the caller's tenant", tag: "knowledge", responses: ok("Collection"),
                                 parameters: [query("tenant")]),
            ],
            "/v1/strata/collections/{name}": [
                "get": operation("Get a collection", tag: "knowledge", responses: ok("Collection"), parameters: [path("name")]),
                "delete": operation("Delete a collection and its documents", tag: "knowledge", responses: ok("Status"),
                                    parameters: [path("name")]),
            ],
            "/v1/strata/collections/{name}/documents": [
                "post": operation("Add or replace documents (chunked and embedded)", tag: "knowledge", body: "AddDocuments",
                                  responses: ok("IngestReport"), parameters: [path("name")]),
                "get": operation("List the documents the caller may read", tag: "knowledge", responses: ok("Status"),
                                 parameters: [path("name"), query("after"), query("limit", "integer")]),
            ],
            "/v1/strata/collections/{name}/documents/{id}": [
                "delete": operation("Delete a document", tag: "knowledge", responses: ok("Status"), parameters: [path("name"), path("id")]),
            ],
            "/v1/strata/collections/{name}/search": [
                "post": operation("Hybrid search as the caller (ACLs and filters applied inside the search)", tag: "knowledge",
                                  body: "Search", responses: ok("SearchResults"), parameters: [path("name")]),
            ],
            "/admin/keys": [
                "post": operation("Create a virtual key (the secret is shown once)", tag: "admin", body: "CreateKey",
                                  responses: ok("Key")),
                "get": operation("List virtual keys", tag: "admin", responses: ok("Key")),
            ],
            "/admin/keys/{id}": ["delete": operation("Revoke a key", tag: "admin", responses: ok("Key"), parameters: [path("id")])],
            "/admin/prices": ["get": operation("Prices per deployment (USD per million tokens)", tag: "admin",
                                               responses: ok("Status"))],
            "/admin/prices/{deployment}": ["put": operation("Set a deployment's price at run time", tag: "admin",
                                                            body: "Price", responses: ok("Price"), parameters: [path("deployment")])],
            "/admin/deployments": ["get": operation("Deployment health", tag: "admin", responses: ok("Status"))],
            "/healthz": ["get": operation("Liveness", tag: "operations", responses: ok("Status"))],
            "/readyz": ["get": operation("Readiness (database answers)", tag: "operations", responses: ok("Status"))],
            "/metrics": ["get": operation("Prometheus metrics", tag: "operations", responses: ok("Status"))],
            "/openapi.json": ["get": operation("This document", tag: "operations", responses: ok("Status"))],
        ],
    ]
}
