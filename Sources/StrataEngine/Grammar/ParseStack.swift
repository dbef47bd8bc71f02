/// One way of reading the document so far: the stack of values being read, innermost on top.
/// Several stacks are live at once only while `anyOf` alternatives are undecided.
///
/// Every transition keeps the stack completable: a container or value is entered only when its
/// shortest completion fits in the remaining depth, a required property or item always fits
/// (the enclosing value was entered knowing that), and strings and numbers can always close.
struct ParseStack: Sendable {
    /// The innermost frame, kept out of `below` so most bytes touch no array.
    private(set) var top: ParseFrame
    /// Frames under `top`; only the first `belowCount` are live (popping does not write, so a
    /// copied stack shares the buffer until something is pushed).
    private var below: [ParseFrame]
    private var belowCount: Int32
    /// Open containers.
    private var depth: Int32

    init(root: Int32) {
        top = .value(root)
        below = [.end]
        belowCount = 1
        depth = 0
    }

    /// The document so far is a complete value: it has ended, or it is a number or literal
    /// directly at the root that could end here.
    func isComplete(_ g: CompiledGrammar) -> Bool {
        switch top {
        case .end: return true
        case .number(let n): return belowCount == 1 && n.isAccepting
        case .literal(let l): return belowCount == 1 && Int(l.offset) == g.tables.encodings.length(Int(l.candidate))
        default: return false
        }
    }

    var hasEnded: Bool {
        if case .end = top { return true }
        return false
    }

    /// Feeds one byte. False when this reading cannot take it; the stack is then meaningless and
    /// must be dropped. Alternatives opened by an `anyOf` at this byte are added to `forks` (left nil
    /// otherwise, so the common path touches no array).
    mutating func step(_ b: UInt8, _ g: CompiledGrammar, forks: inout [ParseStack]?) -> Bool {
        while true {
            switch top {
            case .end:
                return false
            case .value(let node):
                return begin(node, b, g, forks: &forks)
            case .string(var s):
                switch s.step(b, g.tables.strings[Int(s.bounds)]) {
                case .consumed: top = .string(s)
                case .closed: pop()
                case .rejected: return false
                }
                return true
            case .number(var n):
                switch n.step(b) {
                case .consumed: top = .number(n)
                case .consumedFinal: pop()
                case .ended: pop(); continue
                case .rejected: return false
                }
                return true
            case .literal(var l):
                let current = Int(l.candidate), offset = Int(l.offset)
                if offset < g.tables.encodings.length(current) && g.tables.encodings.byte(current, offset) == b {
                    l.offset &+= 1
                } else {
                    let j = g.tables.encodings.nextCandidate(after: current, through: Int(l.last), offset: offset, byte: b) { _ in true }
                    if j >= 0 {
                        l.candidate = Int32(j)
                        l.offset &+= 1
                    } else if offset == g.tables.encodings.length(current) {
                        pop()
                        continue
                    } else {
                        return false
                    }
                }
                enterLiteral(l, g)
                return true
            case .object(let p):
                return stepObject(p, b, g)
            case .map(var p):
                switch (p.phase, b) {
                case (.open, UInt8(ascii: "}")), (.afterValue, UInt8(ascii: "}")):
                    closeContainer()
                case (.open, UInt8(ascii: "\"")), (.comma, UInt8(ascii: "\"")):
                    guard g.fits(p.value, atDepth: depth) else { return false }
                    p.phase = .colon
                    top = .map(p)
                    push(.string(JSONStringPosition(bounds: g.tables.keyBounds)))
                case (.colon, UInt8(ascii: ":")):
                    p.phase = .afterValue
                    top = .map(p)
                    push(.value(p.value))
                case (.afterValue, UInt8(ascii: ",")):
                    p.phase = .comma
                    top = .map(p)
                default:
                    return false
                }
                return true
            case .array(var p):
                let shape = g.tables.arrays[Int(p.shape)]
                if b == UInt8(ascii: "]") {
                    guard p.count >= shape.minItems else { return false }
                    closeContainer()
                    return true
                }
                guard p.phase == .open || b == UInt8(ascii: ",") else { return false }
                let item = g.tables.item(shape, p.count)
                guard p.count < shape.maxItems, item >= 0, g.fits(item, atDepth: depth) else { return false }
                p.count &+= 1
                let opened = p.phase == .open
                p.phase = .afterValue
                top = .array(p)
                push(.value(item))
                // After `[` this byte is the first item's; a `,` only opens the next one.
                return opened ? begin(item, b, g, forks: &forks) : true
            }
        }
    }

    // MARK: Values

    /// Starts a value of `node` with byte `b` (the top frame is `.value(node)`).
    private mutating func begin(_ node: Int32, _ b: UInt8, _ g: CompiledGrammar, forks: inout [ParseStack]?) -> Bool {
        switch g.tables.nodes[Int(node)] {
        case .never, .alias:
            return false
        case .object(let shape):
            guard b == UInt8(ascii: "{") else { return false }
            depth &+= 1
            top = .object(.init(shape: shape, next: 0, phase: .open))
        case .map(let value):
            guard b == UInt8(ascii: "{") else { return false }
            depth &+= 1
            top = .map(.init(value: value, phase: .open))
        case .array(let shape):
            guard b == UInt8(ascii: "[") else { return false }
            depth &+= 1
            top = .array(.init(shape: shape, count: 0, phase: .open))
        case .string(let bounds):
            guard b == UInt8(ascii: "\"") else { return false }
            top = .string(JSONStringPosition(bounds: bounds))
        case .number(let integerOnly):
            guard let n = JSONNumberPosition(first: b, integerOnly: integerOnly) else { return false }
            if n.isFinal { pop() } else { top = .number(n) }
        case .literals(let span):
            let j = g.tables.encodings.firstCandidate(from: Int(span.first), through: Int(span.last), byte: b) { _ in true }
            guard j >= 0 else { return false }
            enterLiteral(.init(candidate: Int32(j), last: span.last, offset: 1), g)
        case .union(let span):
            return beginAlternative(g.tables.members(span), b, g, forks: &forks)
        }
        return true
    }

    /// `anyOf`: every member that may start with `b` becomes a reading of its own; this stack
    /// continues as the first that takes the byte and the others go to `forks`.
    private mutating func beginAlternative(_ members: ArraySlice<Int32>, _ b: UInt8, _ g: CompiledGrammar, forks: inout [ParseStack]?) -> Bool {
        var first: Int32 = -1
        var matches = 0
        for m in members where g.tables.firstBytes[Int(m)].contains(b) && g.fits(m, atDepth: depth) {
            if first < 0 { first = m }
            matches &+= 1
        }
        if matches == 0 { return false }
        if matches == 1 {
            top = .value(first)
            return begin(first, b, g, forks: &forks)
        }
        let base = self
        var alive = false
        for m in members where g.tables.firstBytes[Int(m)].contains(b) && g.fits(m, atDepth: depth) {
            var reading = base
            reading.top = .value(m)
            guard reading.begin(m, b, g, forks: &forks) else { continue }
            if alive {
                forks = (forks ?? []) + [reading]
            } else {
                self = reading
                alive = true
            }
        }
        return alive
    }

    /// Sets a literal position as the top, or ends the value when no literal can continue it.
    @inline(__always)
    private mutating func enterLiteral(_ l: ParseFrame.LiteralPosition, _ g: CompiledGrammar) {
        let candidate = Int(l.candidate)
        let complete = Int(l.offset) == g.tables.encodings.length(candidate)
        if complete && !g.tables.encodings.isExtendable(candidate) {
            pop()
        } else {
            top = .literal(l)
        }
    }

    // MARK: Objects with declared properties

    private mutating func stepObject(_ position: ParseFrame.ObjectPosition, _ b: UInt8, _ g: CompiledGrammar) -> Bool {
        var p = position
        let shape = g.tables.objects[Int(p.shape)]
        let count = shape.count
        let nextRequired = g.tables.nextRequired(shape, from: p.next)
        // The next key may be any property up to and including the next required one. Candidates
        // are indices into `encodings` (the names); `property` keeps the local index.
        let first = Int(shape.names)
        let last = first + Int(min(nextRequired, count - 1))
        let depth = self.depth
        let fits = { (name: Int) in g.fits(g.tables.properties[Int(shape.properties) + name - first].value, atDepth: depth) }
        switch p.phase {
        case .open, .comma:
            if b == UInt8(ascii: "}") && p.phase == .open {
                guard nextRequired == count else { return false }
                closeContainer()
                return true
            }
            let j = g.tables.encodings.firstCandidate(from: first + Int(p.next), through: last, byte: b, allowed: fits)
            guard j >= 0 else { return false }
            p.phase = .key
            p.property = Int32(j - first)
            p.offset = 1
        case .key:
            let current = first + Int(p.property), offset = Int(p.offset)
            var name = current
            if g.tables.encodings.byte(current, offset) != b {
                name = g.tables.encodings.nextCandidate(after: current, through: last, offset: offset, byte: b, allowed: fits)
                guard name >= 0 else { return false }
                p.property = Int32(name - first)
            }
            p.offset &+= 1
            if Int(p.offset) == g.tables.encodings.length(name) { p.phase = .colon }
        case .colon:
            guard b == UInt8(ascii: ":") else { return false }
            p.next = p.property &+ 1
            p.phase = .afterValue
            top = .object(p)
            push(.value(g.tables.properties[Int(shape.properties &+ p.property)].value))
            return true
        case .afterValue:
            if b == UInt8(ascii: "}") {
                guard nextRequired == count else { return false }
                closeContainer()
                return true
            }
            guard b == UInt8(ascii: ","), first + Int(p.next) <= last else { return false }
            // A required property always fits; optional ones may not at this depth.
            guard nextRequired < count || (first + Int(p.next) ... last).contains(where: fits) else { return false }
            p.phase = .comma
        }
        top = .object(p)
        return true
    }

    // MARK: The stack

    @inline(__always)
    private mutating func push(_ frame: ParseFrame) {
        let i = Int(belowCount)
        if i < below.count { below[i] = top } else { below.append(top) }
        belowCount &+= 1
        top = frame
    }

    /// Ends the top value; its parent is already waiting for what follows a value.
    @inline(__always)
    private mutating func pop() {
        belowCount &-= 1
        top = below[Int(belowCount)]
    }

    @inline(__always)
    private mutating func closeContainer() {
        depth &-= 1
        pop()
    }
}

extension ParseStack: Equatable {
    static func == (a: ParseStack, b: ParseStack) -> Bool {
        guard a.top == b.top, a.depth == b.depth, a.belowCount == b.belowCount else { return false }
        for i in 0 ..< Int(a.belowCount) where a.below[i] != b.below[i] { return false }
        return true
    }
}
