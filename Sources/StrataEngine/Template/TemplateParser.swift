/// Recursive-descent parser for the Jinja subset chat templates use, with Jinja's operator
/// precedence: `x if c else y` < or < and < not < comparisons/in/is < + - < ~ < * / // % <
/// unary < postfix (`.attr`, `[i]`, `(args)`, `|filter`).
struct TemplateParser {
    private var pieces: [TemplateLexer.Piece]
    private var index = 0
    // Expression state.
    private var tokens: [TemplateToken] = []
    private var pos = 0
    private var offset = 0

    init(_ source: String) throws(TemplateError) {
        pieces = try TemplateLexer.pieces(source)
    }

    mutating func parse() throws(TemplateError) -> [TemplateNode] {
        let (nodes, end) = try parseBlock(until: [])
        if let end { throw .syntax("unexpected {% \(end) %}", offset: offset) }
        return nodes
    }

    /// Parses nodes until a statement whose keyword is in `terminators`; returns that keyword
    /// with the tag's remaining tokens loaded for the caller.
    private mutating func parseBlock(until terminators: Set<String>) throws(TemplateError) -> ([TemplateNode], String?) {
        var nodes: [TemplateNode] = []
        while index < pieces.count {
            let piece = pieces[index]
            index += 1
            switch piece {
            case let .text(t): nodes.append(.text(t))
            case let .expression(toks, off):
                load(toks, off)
                let e = try expression()
                try expectEnd()
                nodes.append(.output(e))
            case let .statement(toks, off):
                load(toks, off)
                guard case let .name(keyword) = next() else { throw .syntax("expected a statement keyword", offset: off) }
                if terminators.contains(keyword) { return (nodes, keyword) }
                switch keyword {
                case "if": nodes.append(try ifStatement())
                case "for": nodes.append(try forStatement())
                case "set": nodes.append(try setStatement())
                case "generation", "endgeneration": break
                case "macro", "call", "filter", "include", "import", "extends", "block", "raw":
                    throw .unsupported("{% \(keyword) %}", offset: off)
                default: throw .syntax("unknown or misplaced statement {% \(keyword) %}", offset: off)
                }
            }
        }
        if !terminators.isEmpty { throw .syntax("missing {% \(terminators.sorted().joined(separator: " / ")) %}", offset: offset) }
        return (nodes, nil)
    }

    private mutating func ifStatement() throws(TemplateError) -> TemplateNode {
        var branches: [(TemplateExpr, [TemplateNode])] = []
        var condition = try expression()
        try expectEnd()
        while true {
            let (body, end) = try parseBlock(until: ["elif", "else", "endif"])
            branches.append((condition, body))
            switch end {
            case "elif":
                condition = try expression()
                try expectEnd()
            case "else":
                try expectEnd()
                let (otherwise, _) = try parseBlock(until: ["endif"])
                try expectEnd()
                return .ifBlock(branches: branches, otherwise: otherwise)
            default:
                try expectEnd()
                return .ifBlock(branches: branches, otherwise: [])
            }
        }
    }

    private mutating func forStatement() throws(TemplateError) -> TemplateNode {
        var targets: [String] = []
        repeat {
            guard case let .name(n) = next() else { throw .syntax("expected a loop variable", offset: offset) }
            targets.append(n)
        } while accept(.op(","))
        guard accept(.name("in")) else { throw .syntax("expected 'in' in for loop", offset: offset) }
        let iterable = try orExpression()
        var filter: TemplateExpr? = nil
        if accept(.name("if")) { filter = try orExpression() }
        _ = accept(.name("recursive"))
        try expectEnd()
        let (body, end) = try parseBlock(until: ["else", "endfor"])
        var otherwise: [TemplateNode] = []
        try expectEnd()
        if end == "else" {
            (otherwise, _) = try parseBlock(until: ["endfor"])
            try expectEnd()
        }
        return .forBlock(targets: targets, iterable: iterable, filter: filter, body: body, otherwise: otherwise)
    }

    private mutating func setStatement() throws(TemplateError) -> TemplateNode {
        guard case let .name(target) = next() else { throw .syntax("expected a variable after set", offset: offset) }
        var attribute: String? = nil
        if accept(.op(".")) {
            guard case let .name(a) = next() else { throw .syntax("expected an attribute name", offset: offset) }
            attribute = a
        }
        if pos == tokens.count, attribute == nil {
            let (body, _) = try parseBlock(until: ["endset"])
            try expectEnd()
            return .setBlock(target: target, body: body)
        }
        guard accept(.op("=")) else { throw .syntax("expected '=' in set", offset: offset) }
        let value = try expression()
        try expectEnd()
        return .set(target: target, attribute: attribute, value: value)
    }

    // MARK: expressions

    private mutating func load(_ t: [TemplateToken], _ off: Int) { tokens = t; pos = 0; offset = off }
    private func peek() -> TemplateToken? { pos < tokens.count ? tokens[pos] : nil }
    private mutating func next() -> TemplateToken? { defer { pos += 1 }; return peek() }
    private mutating func accept(_ t: TemplateToken) -> Bool {
        if peek() == t { pos += 1; return true }
        return false
    }
    private mutating func expect(_ t: TemplateToken) throws(TemplateError) {
        guard accept(t) else { throw .syntax("expected \(t), found \(peek().map { "\($0)" } ?? "end of tag")", offset: offset) }
    }
    private func expectEnd() throws(TemplateError) {
        if let t = peek() { throw .syntax("unexpected \(t)", offset: offset) }
    }

    mutating func expression() throws(TemplateError) -> TemplateExpr {
        let value = try orExpression()
        if accept(.name("if")) {
            let condition = try orExpression()
            var otherwise: TemplateExpr? = nil
            if accept(.name("else")) { otherwise = try expression() }
            return .conditional(value, condition: condition, otherwise: otherwise)
        }
        return value
    }

    private mutating func orExpression() throws(TemplateError) -> TemplateExpr {
        var left = try andExpression()
        while accept(.name("or")) { left = .binary("or", left, try andExpression()) }
        return left
    }

    private mutating func andExpression() throws(TemplateError) -> TemplateExpr {
        var left = try notExpression()
        while accept(.name("and")) { left = .binary("and", left, try notExpression()) }
        return left
    }

    private mutating func notExpression() throws(TemplateError) -> TemplateExpr {
        if accept(.name("not")) { return .unary("not", try notExpression()) }
        return try comparison()
    }

    private mutating func comparison() throws(TemplateError) -> TemplateExpr {
        var left = try additive()
        while true {
            if case let .op(o) = peek(), ["==", "!=", "<", ">", "<=", ">="].contains(o) {
                pos += 1
                left = .binary(o, left, try additive())
            } else if accept(.name("in")) {
                left = .binary("in", left, try additive())
            } else if peek() == .name("not"), pos + 1 < tokens.count, tokens[pos + 1] == .name("in") {
                pos += 2
                left = .unary("not", .binary("in", left, try additive()))
            } else {
                return left
            }
        }
    }

    private mutating func additive() throws(TemplateError) -> TemplateExpr {
        var left = try concatenation()
        while case let .op(o) = peek(), o == "+" || o == "-" {
            pos += 1
            left = .binary(o, left, try concatenation())
        }
        return left
    }

    private mutating func concatenation() throws(TemplateError) -> TemplateExpr {
        var left = try multiplicative()
        while accept(.op("~")) { left = .binary("~", left, try multiplicative()) }
        return left
    }

    private mutating func multiplicative() throws(TemplateError) -> TemplateExpr {
        var left = try unary()
        while case let .op(o) = peek(), ["*", "/", "//", "%"].contains(o) {
            pos += 1
            left = .binary(o, left, try unary())
        }
        return left
    }

    private mutating func unary() throws(TemplateError) -> TemplateExpr {
        if accept(.op("-")) { return .unary("-", try unary()) }
        if accept(.op("+")) { return try unary() }
        return try postfix(try primary())
    }

    private mutating func primary() throws(TemplateError) -> TemplateExpr {
        guard let t = next() else { throw .syntax("expected an expression", offset: offset) }
        switch t {
        case let .string(s):
            var v = s
            while case let .string(more) = peek() { v += more; pos += 1 } // adjacent literals concatenate
            return .literal(.string(v))
        case let .int(i): return .literal(.int(i))
        case let .double(d): return .literal(.double(d))
        case let .name(n):
            switch n {
            case "true", "True": return .literal(.bool(true))
            case "false", "False": return .literal(.bool(false))
            case "none", "None": return .literal(.none)
            default: return .variable(n)
            }
        case .op("("):
            let e = try expression()
            if accept(.op(",")) { // tuple → list
                var items = [e]
                while !accept(.op(")")) { items.append(try expression()); _ = accept(.op(",")) }
                return .list(items)
            }
            try expect(.op(")"))
            return e
        case .op("["):
            var items: [TemplateExpr] = []
            while !accept(.op("]")) {
                items.append(try expression())
                if !accept(.op(",")) { try expect(.op("]")); break }
            }
            return .list(items)
        case .op("{"):
            var pairs: [(TemplateExpr, TemplateExpr)] = []
            while !accept(.op("}")) {
                let k = try expression()
                try expect(.op(":"))
                pairs.append((k, try expression()))
                if !accept(.op(",")) { try expect(.op("}")); break }
            }
            return .dict(pairs)
        default:
            throw .syntax("unexpected \(t)", offset: offset)
        }
    }

    private mutating func arguments() throws(TemplateError) -> ([TemplateExpr], [(String, TemplateExpr)]) {
        var args: [TemplateExpr] = []
        var kwargs: [(String, TemplateExpr)] = []
        while !accept(.op(")")) {
            if case let .name(n) = peek(), pos + 1 < tokens.count, tokens[pos + 1] == .op("=") {
                pos += 2
                kwargs.append((n, try expression()))
            } else {
                args.append(try expression())
            }
            if !accept(.op(",")) { try expect(.op(")")); break }
        }
        return (args, kwargs)
    }

    private mutating func postfix(_ base: TemplateExpr) throws(TemplateError) -> TemplateExpr {
        var e = base
        while true {
            if accept(.op(".")) {
                guard case let .name(n) = next() else { throw .syntax("expected an attribute name after '.'", offset: offset) }
                e = .attribute(e, n)
            } else if accept(.op("[")) {
                var parts: [TemplateExpr?] = [nil]
                var isSlice = false
                while !accept(.op("]")) {
                    if accept(.op(":")) { isSlice = true; parts.append(nil); continue }
                    parts[parts.count - 1] = try expression()
                }
                if isSlice {
                    while parts.count < 3 { parts.append(nil) }
                    e = .slice(e, parts[0], parts[1], parts[2])
                } else {
                    guard let i = parts[0] else { throw .syntax("empty subscript", offset: offset) }
                    e = .subscriptAt(e, i)
                }
            } else if accept(.op("(")) {
                let (a, k) = try arguments()
                e = .call(e, a, k)
            } else if accept(.op("|")) {
                guard case let .name(f) = next() else { throw .syntax("expected a filter name after '|'", offset: offset) }
                var a: [TemplateExpr] = [], k: [(String, TemplateExpr)] = []
                if accept(.op("(")) { (a, k) = try arguments() }
                e = .filter(e, f, a, k)
            } else if accept(.name("is")) {
                let negated = accept(.name("not"))
                guard case let .name(test) = next() else { throw .syntax("expected a test name after 'is'", offset: offset) }
                var a: [TemplateExpr] = []
                if accept(.op("(")) { (a, _) = try arguments() }
                e = .test(e, test, negated: negated, a)
            } else {
                return e
            }
        }
    }
}
