/// Schemas the grammar tests run: each with compact documents it must accept and prefixes whose
/// next byte it must reject. `nil` schema text means JSON mode (`JSONSchemaGrammar.anyObject`).
struct GrammarSchemaCase {
    var name: String
    var schema: String?
    var valid: [String]
    /// (a prefix that must be accepted, text whose first byte must then be rejected).
    var rejects: [(String, String)] = []
}

enum GrammarSchemaCatalog {
    static let cases: [GrammarSchemaCase] = [
        .init(
            name: "flat object",
            schema: #"{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"},"email":{"type":"string"}},"required":["name","age"],"additionalProperties":false}"#,
            valid: [#"{"name":"Ann","age":30}"#, #"{"name":"","age":-5,"email":"a@b"}"#, #"{"name":"x\"y","age":0}"#],
            rejects: [("{", "}"), (#"{"name":"A""#, "}"), (#"{"na"#, "x"), (#"{""#, "a"), (#"{"name":"#, "1"), ("{", " "),
                      (#"{"name":"A","age":1"#, "."), (#"{"name":"A","age":1,"email":"e""#, ","), (#"{"name":"A","age":1,"#, "}")]
        ),
        .init(
            name: "nested object",
            schema: #"{"type":"object","properties":{"user":{"type":"object","properties":{"id":{"type":"integer"},"tags":{"type":"array","items":{"type":"string"}}},"required":["id","tags"]},"active":{"type":"boolean"}},"required":["user","active"]}"#,
            valid: [#"{"user":{"id":1,"tags":[]},"active":true}"#, #"{"user":{"id":-20,"tags":["a","b"]},"active":false}"#],
            rejects: [(#"{"user":{"id":1"#, "}"), (#"{"user":{"id":1,"tags":["#, "1"), (#"{"user":{"id":1,"tags":[]},"active":"#, "n"),
                      (#"{"user":{"id":1,"tags":[]},"active":tr"#, "i")]
        ),
        .init(
            name: "array of objects",
            schema: #"{"type":"array","items":{"type":"object","properties":{"x":{"type":"number"},"y":{"type":"number"}},"required":["x","y"]},"minItems":1,"maxItems":3}"#,
            valid: [#"[{"x":1,"y":2.5}]"#, #"[{"x":0,"y":-1e5},{"x":3.25,"y":0},{"x":1E+2,"y":7}]"#],
            rejects: [("[", "]"), (#"[{"x":1,"y":2},{"x":1,"y":2},{"x":1,"y":2}"#, ","), (#"[{""#, "y"), (#"[{"x":1"#, "}")]
        ),
        .init(
            name: "string enum",
            schema: #"{"type":"string","enum":["red","green","blue"]}"#,
            valid: [#""red""#, #""green""#, #""blue""#],
            rejects: [(#""r"#, "o"), (#""#, "y"), ("", "r"), (#""red""#, " ")]
        ),
        .init(
            name: "mixed scalar enum",
            schema: #"{"enum":["a",1,12,true,null,2.5]}"#,
            valid: [#""a""#, "1", "12", "true", "null", "2.5"],
            rejects: [("1", "3"), ("2.", "4"), ("t", "x"), ("", "f"), (#""a""#, "a")]
        ),
        .init(name: "const string", schema: #"{"const":"fixed"}"#, valid: [#""fixed""#], rejects: [(#""fix"#, "x"), ("", "f")]),
        .init(
            name: "const property",
            schema: #"{"type":"object","properties":{"kind":{"const":"circle"},"r":{"type":"number"}},"required":["kind","r"]}"#,
            valid: [#"{"kind":"circle","r":2}"#],
            rejects: [(#"{"kind":"#, "1"), (#"{"kind":"c"#, "u")]
        ),
        .init(
            name: "anyOf of types",
            schema: #"{"anyOf":[{"type":"string"},{"type":"integer"},{"type":"null"}]}"#,
            valid: [#""s""#, "42", "-7", "null", #""""#],
            rejects: [("", "t"), ("4", "."), ("n", "o"), ("", "[")]
        ),
        .init(
            name: "anyOf of objects",
            schema: #"{"anyOf":[{"type":"object","properties":{"kind":{"const":"a"},"x":{"type":"integer"}},"required":["kind","x"],"additionalProperties":false},{"type":"object","properties":{"kind":{"const":"b"},"y":{"type":"string"}},"required":["kind","y"],"additionalProperties":false}]}"#,
            valid: [#"{"kind":"a","x":1}"#, #"{"kind":"b","y":"z"}"#],
            rejects: [(#"{"kind":"a",""#, "y"), (#"{"kind":"b","y":"#, "1"), (#"{"kind":""#, "c"), (#"{"kind":"a""#, "}")]
        ),
        .init(
            name: "anyOf of objects with a shared prefix",
            schema: #"{"anyOf":[{"properties":{"a":{"type":"string"},"b":{"type":"integer"}},"required":["a","b"]},{"properties":{"a":{"type":"string"},"c":{"type":"boolean"}},"required":["a","c"]}]}"#,
            valid: [#"{"a":"hello","b":3}"#, #"{"a":"","c":false}"#],
            rejects: [(#"{"a":"x",""#, "d"), (#"{"a":"x","b":"#, "t"), (#"{"a":"x""#, "}")]
        ),
        .init(
            name: "recursive tree in $defs",
            schema: ##"{"$defs":{"node":{"type":"object","properties":{"value":{"type":"integer"},"children":{"type":"array","items":{"$ref":"#/$defs/node"}}},"required":["value","children"],"additionalProperties":false}},"$ref":"#/$defs/node"}"##,
            valid: [#"{"value":1,"children":[]}"#, #"{"value":1,"children":[{"value":2,"children":[{"value":3,"children":[]}]},{"value":4,"children":[]}]}"#],
            rejects: [(#"{"value":1,"children":[{"value":2"#, "}"), (#"{"value":1,"children":["#, "1")]
        ),
        .init(
            name: "recursive list in definitions",
            schema: ##"{"definitions":{"list":{"anyOf":[{"type":"null"},{"type":"object","properties":{"head":{"type":"string"},"tail":{"$ref":"#/definitions/list"}},"required":["head","tail"]}]}},"$ref":"#/definitions/list"}"##,
            valid: ["null", #"{"head":"a","tail":null}"#, #"{"head":"a","tail":{"head":"b","tail":null}}"#],
            rejects: [(#"{"head":"a""#, "}"), (#"{"head":"a","tail":"#, "\"")]
        ),
        .init(
            name: "recursion through #",
            schema: ##"{"type":"object","properties":{"name":{"type":"string"},"sub":{"$ref":"#"}},"required":["name"]}"##,
            valid: [#"{"name":"a"}"#, #"{"name":"a","sub":{"name":"b","sub":{"name":"c"}}}"#],
            rejects: [(#"{"name":"a","sub":{"#, "}")]
        ),
        .init(
            name: "integer and number",
            schema: #"{"type":"object","properties":{"i":{"type":"integer"},"n":{"type":"number"}},"required":["i","n"]}"#,
            valid: [#"{"i":0,"n":0.5}"#, #"{"i":-12,"n":-3e-2}"#, #"{"i":7,"n":10}"#],
            rejects: [(#"{"i":1"#, "e"), (#"{"i":0"#, "1"), (#"{"i":-"#, "-"), (#"{"i":1,"n":1."#, ","), (#"{"i":1,"n":1e"#, "}")]
        ),
        .init(
            name: "nullable through type lists",
            schema: #"{"type":"object","properties":{"nick":{"type":["string","null"]},"score":{"type":["number","null"]}},"required":["nick","score"]}"#,
            valid: [#"{"nick":null,"score":null}"#, #"{"nick":"z","score":1.5}"#],
            rejects: [(#"{"nick":"#, "t"), (#"{"nick":null,"score":"#, "\"")]
        ),
        .init(
            name: "string length bounds",
            schema: #"{"type":"object","properties":{"code":{"type":"string","minLength":2,"maxLength":4}},"required":["code"]}"#,
            valid: [#"{"code":"ab"}"#, #"{"code":"abcd"}"#, #"{"code":"é\n\u00e9"}"#],
            rejects: [(#"{"code":"a"#, "\""), (#"{"code":"abcd"#, "e"), (#"{"code":"ab\n\t"#, "\\")]
        ),
        .init(
            name: "json_object mode",
            schema: nil,
            valid: ["{}", #"{"a":1,"b":[true,null,{"c":"d"}],"e":{"f":-0.5e3}}"#],
            rejects: [("", "["), ("", "\""), ("{", "1"), (#"{"a""#, "}"), (#"{"a":[1,"#, "]"), (#"{"a":"#, "}")]
        ),
        .init(
            name: "additionalProperties true",
            schema: #"{"type":"object","additionalProperties":true}"#,
            valid: ["{}", #"{"x":[1,2],"y":"z"}"#],
            rejects: [("{", "'"), (#"{"x":1"#, ":")]
        ),
        .init(
            name: "map of integers",
            schema: #"{"type":"object","additionalProperties":{"type":"integer"}}"#,
            valid: ["{}", #"{"a":1,"b":-2}"#],
            rejects: [(#"{"a":"#, "\""), (#"{"a":1"#, ".")]
        ),
        .init(
            name: "tuple with prefixItems",
            schema: #"{"type":"array","prefixItems":[{"type":"string"},{"type":"integer"}],"items":false,"minItems":2}"#,
            valid: [#"["a",1]"#],
            rejects: [(#"["a""#, "]"), (#"["a",1"#, ","), ("[", "1")]
        ),
        .init(
            name: "array of enums with bounds",
            schema: #"{"type":"array","items":{"enum":["x","y","z"]},"minItems":2,"maxItems":4}"#,
            valid: [#"["x","y"]"#, #"["z","z","z","z"]"#],
            rejects: [(#"["x""#, "]"), (#"["x","y","z","x""#, ","), (#"[""#, "w")]
        ),
        .init(name: "boolean root", schema: #"{"type":"boolean"}"#, valid: ["true", "false"], rejects: [("", "n"), ("tru", "u")]),
        .init(name: "null root", schema: #"{"type":"null"}"#, valid: ["null"], rejects: [("nul", "L")]),
        .init(name: "number root", schema: #"{"type":"number"}"#, valid: ["0", "-1.5", "3e7", "12345678901234567890"], rejects: [("0", "0"), ("", "+"), ("1", "x")]),
        .init(
            name: "allOf with one $ref",
            schema: ##"{"allOf":[{"$ref":"#/$defs/p"}],"$defs":{"p":{"type":"object","properties":{"q":{"type":"string"}},"required":["q"]}}}"##,
            valid: [#"{"q":"r"}"#],
            rejects: [("{", "}")]
        ),
        .init(
            name: "oneOf of disjoint types",
            schema: #"{"oneOf":[{"type":"integer"},{"type":"string","maxLength":3},{"type":"array","items":{"type":"boolean"}}]}"#,
            valid: ["5", #""abc""#, "[true,false]", "[]"],
            rejects: [(#""abc"#, "d"), ("[", "1")]
        ),
        .init(
            name: "all optional properties",
            schema: #"{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"string"},"c":{"type":"boolean"}}}"#,
            valid: ["{}", #"{"b":"x"}"#, #"{"a":1,"c":true}"#, #"{"a":1,"b":"","c":false}"#],
            rejects: [(#"{"b":"x",""#, "a"), (#"{"c":true"#, ","), ("{", ",")]
        ),
        .init(
            name: "keys sharing prefixes",
            schema: #"{"type":"object","properties":{"id":{"type":"integer"},"idx":{"type":"integer"},"identity":{"type":"string"}},"required":["identity"]}"#,
            valid: [#"{"identity":"me"}"#, #"{"id":1,"idx":2,"identity":"x"}"#, #"{"idx":2,"identity":"x"}"#],
            rejects: [(#"{"idx":1,"id"#, "\""), (#"{"ide"#, "x"), (#"{"id":1"#, "}")]
        ),
        .init(
            name: "escaped names and unicode enum",
            schema: #"{"type":"object","properties":{"a\"b":{"type":"string"},"é":{"enum":["ü","\n"]}},"required":["a\"b","é"]}"#,
            valid: [#"{"a\"b":"","é":"ü"}"#, #"{"a\"b":"q","é":"\n"}"#],
            rejects: [(#"{"a"#, "\""), (#"{"a\"b":"",""#, "e")]
        ),
        .init(
            name: "annotations are ignored",
            schema: #"{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"urn:x","title":"T","description":"d","type":"object","properties":{"when":{"type":"string","format":"date-time","description":"ts","examples":["2020"]}},"required":["when"],"default":{}}"#,
            valid: [#"{"when":"2024-01-01T00:00:00Z"}"#]
        ),
        .init(
            name: "enum filtered by type",
            schema: #"{"type":"string","enum":["a",1,"bb",null]}"#,
            valid: [#""a""#, #""bb""#],
            rejects: [("", "1"), ("", "n")]
        ),
        .init(
            name: "nested arrays",
            schema: #"{"type":"array","items":{"type":"array","items":{"type":"integer"},"maxItems":3},"maxItems":3}"#,
            valid: ["[]", "[[],[1,2,3],[4]]"],
            rejects: [("[[1,2,3", ","), ("[[],[],[]", ","), ("[", "1")]
        ),
        .init(
            name: "nested anyOf through refs",
            schema: ##"{"$defs":{"s":{"type":"string","maxLength":5},"n":{"type":"number"}},"anyOf":[{"$ref":"#/$defs/s"},{"anyOf":[{"$ref":"#/$defs/n"},{"type":"boolean"}]}]}"##,
            valid: [#""hello""#, "1.5", "false"],
            rejects: [(#""hello"#, "!"), ("", "n")]
        ),
        .init(
            name: "structured outputs style",
            schema: #"{"type":"object","properties":{"steps":{"type":"array","items":{"type":"object","properties":{"explanation":{"type":"string"},"output":{"type":"string"}},"required":["explanation","output"],"additionalProperties":false}},"final_answer":{"type":"string"}},"required":["steps","final_answer"],"additionalProperties":false}"#,
            valid: [#"{"steps":[{"explanation":"x","output":"y"}],"final_answer":"42"}"#, #"{"steps":[],"final_answer":""}"#],
            rejects: [(#"{"steps":[{"explanation":"x""#, "}"), (#"{"steps":[]"#, "}")]
        ),
        .init(
            name: "object inferred without type",
            schema: #"{"properties":{"k":{"type":"null"}},"required":["k"]}"#,
            valid: [#"{"k":null}"#],
            rejects: [("", "["), (#"{"k":"#, "0")]
        ),
        .init(name: "empty schema", schema: "{}", valid: ["1", #""x""#, "[]", "{}", "null", #"{"a":[{"b":null}]}"#], rejects: [("", " "), ("", "}")]),
        .init(name: "array with any items", schema: #"{"type":"array","maxItems":5}"#, valid: ["[]", #"[1,"a",null,[],{}]"#], rejects: [("[1,2,3,4,5", ",")]),
        .init(name: "numeric enum with prefixes", schema: #"{"enum":[1,10,100,-1]}"#, valid: ["1", "10", "100", "-1"], rejects: [("10", "1"), ("-", "2"), ("100", "0")]),
        .init(
            name: "pydantic optional field",
            schema: #"{"properties":{"x":{"anyOf":[{"type":"integer"},{"type":"null"}],"default":null,"title":"X"}},"required":["x"],"title":"M","type":"object"}"#,
            valid: [#"{"x":null}"#, #"{"x":3}"#],
            rejects: [(#"{"x":"#, "\"")]
        ),
    ]
}
