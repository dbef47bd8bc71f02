/// Every node of a compiled schema and the flat tables their payloads index into, plus what
/// linking derives: how deep a value of each node must at least nest and which bytes may start it.
/// All tables hold plain data, so the matcher reads them without reference counting.
struct GrammarTables: Sendable {
    typealias TableSpan = GrammarNode.TableSpan

    /// Node 0 is always `.never`.
    var nodes: [GrammarNode] = [.never]
    var objects: [GrammarNode.ObjectShape] = []
    var properties: [GrammarNode.Property] = []
    var arrays: [GrammarNode.ArrayShape] = []
    var prefixItems: [Int32] = []
    var strings: [GrammarNode.StringBounds] = []
    /// Literal values and property names, as written.
    var encodings = ByteStrings()
    var unionMembers: [Int32] = []
    /// The fewest containers a value of each node needs (`noDepth`: the node has no finite value).
    var minDepth: [Int32] = []
    var firstBytes: [ByteSet] = []
    /// Bounds of free-form object keys (index into `strings`).
    var keyBounds: Int32 = 0

    static let never: Int32 = 0
    static let noDepth = Int32.max
    static let depthCap = Int32(JSONSchemaGrammar.maxDepth) + 1

    // MARK: Building

    mutating func add(_ node: GrammarNode) -> Int32 {
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    /// An object whose properties (in order) have these encoded names and value nodes.
    mutating func addObject(names: [[UInt8]], values: [Int32], required: [Bool]) -> Int32 {
        let shape = GrammarNode.ObjectShape(
            properties: Int32(properties.count), names: encodings.append(names).first, count: Int32(values.count))
        var next = Int32(values.count)
        var list = Array(repeating: GrammarNode.Property(value: 0, nextRequired: next), count: values.count)
        for i in values.indices.reversed() {
            if required[i] { next = Int32(i) }
            list[i] = .init(value: values[i], nextRequired: next)
        }
        properties += list
        objects.append(shape)
        return add(.object(Int32(objects.count - 1)))
    }

    mutating func addArray(prefix: [Int32], items: Int32, minItems: Int32, maxItems: Int32) -> Int32 {
        let span = TableSpan(first: Int32(prefixItems.count), count: Int32(prefix.count))
        prefixItems += prefix
        arrays.append(.init(prefixItems: span, items: items, minItems: minItems, maxItems: maxItems))
        return add(.array(Int32(arrays.count - 1)))
    }

    mutating func addString(minLength: Int32, maxLength: Int32) -> Int32 {
        strings.append(.init(minLength: minLength, maxLength: maxLength))
        return add(.string(Int32(strings.count - 1)))
    }

    /// A node matching exactly these encodings (sorted, as `ByteStrings` needs, without repeats).
    mutating func addLiterals(_ list: [[UInt8]]) -> Int32 {
        add(.literals(literalList(list)))
    }

    mutating func literalList(_ list: [[UInt8]]) -> TableSpan {
        var unique: [[UInt8]] = []
        for e in list.sorted(by: { $0.lexicographicallyPrecedes($1) }) where unique.last != e { unique.append(e) }
        return encodings.append(unique)
    }

    mutating func union(_ members: [Int32]) -> GrammarNode {
        let span = TableSpan(first: Int32(unionMembers.count), count: Int32(members.count))
        unionMembers += members
        return .union(span)
    }

    // MARK: Reading

    /// The first required property at local index `next` or later, or the property count.
    @inline(__always)
    func nextRequired(_ shape: GrammarNode.ObjectShape, from next: Int32) -> Int32 {
        next < shape.count ? properties[Int(shape.properties &+ next)].nextRequired : shape.count
    }

    /// The schema of item `index`, or -1 when there may be no such item.
    @inline(__always)
    func item(_ shape: GrammarNode.ArrayShape, _ index: Int32) -> Int32 {
        index < shape.prefixItems.count ? prefixItems[Int(shape.prefixItems.first &+ index)] : shape.items
    }

    func members(_ span: TableSpan) -> ArraySlice<Int32> {
        unionMembers[Int(span.first) ..< Int(span.first + span.count)]
    }

    // MARK: Linking

    /// Replaces aliases by their targets, flattens unions and computes `minDepth` and `firstBytes`.
    /// Returns `roots` resolved through aliases.
    mutating func link(_ roots: [Int32]) -> [Int32] {
        let resolved = nodes.indices.map { resolve(Int32($0)) }
        let r = { (i: Int32) -> Int32 in i < 0 ? i : resolved[Int(i)] }
        for i in properties.indices { properties[i].value = r(properties[i].value) }
        prefixItems = prefixItems.map(r)
        for i in arrays.indices { arrays[i].items = r(arrays[i].items) }
        unionMembers = unionMembers.map(r)
        for i in nodes.indices {
            if case .map(let value) = nodes[i] { nodes[i] = .map(value: r(value)) }
        }
        for i in nodes.indices {
            if case .union(let span) = nodes[i] { nodes[i] = union(flatten(span)) }
        }
        analyze()
        return roots.map(r)
    }

    /// Recomputes `minDepth` and `firstBytes` (also after literal lists changed).
    ///
    /// `minDepth` is the least fixpoint of `depthNeeded`, found with a worklist: a node is looked
    /// at again only when a child's value dropped. Values are capped at `depthCap` (deeper than any
    /// document may nest), so each node drops at most `depthCap + 1` times, even in hostile schemas.
    mutating func analyze() {
        var parents = Array(repeating: [Int32](), count: nodes.count)
        for i in nodes.indices {
            for child in children(nodes[i]) where child >= 0 { parents[Int(child)].append(Int32(i)) }
        }
        minDepth = Array(repeating: Self.noDepth, count: nodes.count)
        var todo = Array(nodes.indices.reversed())
        while let i = todo.popLast() {
            var d = depthNeeded(nodes[i])
            if d != Self.noDepth { d = min(d, Self.depthCap) }
            guard d < minDepth[i] else { continue }
            minDepth[i] = d
            todo += parents[i].map { Int($0) }
        }
        firstBytes = nodes.map { node in
            switch node {
            case .object, .map: return ByteSet([UInt8(ascii: "{")])
            case .array: return ByteSet([UInt8(ascii: "[")])
            case .string: return ByteSet([UInt8(ascii: "\"")])
            case .number: return ByteSet(Array("-0123456789".utf8))
            case .literals(let span):
                return ByteSet((span.first ..< span.first + span.count).compactMap { i in
                    encodings.length(Int(i)) > 0 ? encodings.byte(Int(i), 0) : nil
                })
            case .never, .union, .alias: return .empty
            }
        }
        for i in nodes.indices {
            guard case .union(let span) = nodes[i] else { continue }
            var set = ByteSet.empty
            for m in members(span) { set.formUnion(firstBytes[Int(m)]) }
            firstBytes[i] = set
        }
    }

    /// The nodes whose `minDepth` the node's own depends on.
    private func children(_ node: GrammarNode) -> [Int32] {
        switch node {
        case .never, .map, .number, .string, .literals: return []
        case .alias(let target): return [target]
        case .union(let span): return Array(members(span))
        case .object(let o):
            let shape = objects[Int(o)]
            return (0 ..< shape.count).map { properties[Int(shape.properties + $0)].value }
        case .array(let a):
            let shape = arrays[Int(a)]
            return (0 ..< shape.prefixItems.count).map { prefixItems[Int(shape.prefixItems.first + $0)] } + [shape.items]
        }
    }

    private func depthNeeded(_ node: GrammarNode) -> Int32 {
        let none = Self.noDepth
        switch node {
        case .never: return none
        case .map: return 1
        case .number: return 0
        case .string(let s): return strings[Int(s)].minLength <= strings[Int(s)].maxLength ? 0 : none
        case .literals(let span): return span.count > 0 ? 0 : none
        case .alias(let target): return minDepth[Int(target)]
        case .union(let span): return members(span).map { minDepth[Int($0)] }.min() ?? none
        case .object(let o):
            let shape = objects[Int(o)]
            var deepest: Int32 = 0
            for j in 0 ..< shape.count where nextRequired(shape, from: j) == j {
                deepest = max(deepest, minDepth[Int(properties[Int(shape.properties + j)].value)])
            }
            return deepest == none ? none : deepest &+ 1
        case .array(let a):
            let shape = arrays[Int(a)]
            guard shape.minItems <= shape.maxItems else { return none }
            var deepest: Int32 = 0
            var i: Int32 = 0
            while i < shape.minItems && deepest != none {
                let next = item(shape, i)
                deepest = next < 0 ? none : max(deepest, minDepth[Int(next)])
                // Items past the prefix share one schema: the first of them decides.
                i = i >= shape.prefixItems.count ? shape.minItems : i + 1
            }
            return deepest == none ? none : deepest + 1
        }
    }

    /// Follows aliases; a cycle of aliases (`$ref` to itself) has no value.
    private func resolve(_ start: Int32) -> Int32 {
        var node = start
        var steps = 0
        while case .alias(let target) = nodes[Int(node)] {
            node = target
            steps += 1
            if steps > nodes.count { return Self.never }
        }
        return node
    }

    /// The non-union members reachable through nested unions, without duplicates or `never`.
    private func flatten(_ span: TableSpan) -> [Int32] {
        var out: [Int32] = []
        var seen: Set<Int32> = []
        var todo = Array(members(span).reversed())
        while let m = todo.popLast() {
            switch nodes[Int(m)] {
            case .union(let inner):
                if seen.insert(m).inserted { todo += members(inner).reversed() }
            case .never:
                break
            default:
                if !out.contains(m) { out.append(m) }
            }
        }
        return out
    }
}
