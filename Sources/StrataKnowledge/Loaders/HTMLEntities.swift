/// Decodes HTML character references: numeric (`&#233;`, `&#xE9;`), all Latin-1 names and
/// the common typographic ones. Unknown names are left as written; soft hyphens are dropped
/// because they split words for keyword search.
enum HTMLEntities {
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "&", let (scalar, length) = reference(in: scalars, at: index) {
                if scalar != "\u{AD}" { output.append(scalar) }
                index += length
            } else {
                output.append(scalars[index])
                index += 1
            }
        }
        return String(output)
    }

    /// The character a reference at `start` (an `&`) stands for and how many scalars it spans.
    private static func reference(in scalars: [Unicode.Scalar], at start: Int) -> (Unicode.Scalar, Int)? {
        var position = start + 1
        guard position < scalars.count else { return nil }
        if scalars[position] == "#" {
            position += 1
            var radix: UInt32 = 10
            if position < scalars.count, scalars[position] == "x" || scalars[position] == "X" {
                radix = 16
                position += 1
            }
            let digitsStart = position
            var value: UInt32 = 0
            while position < scalars.count, let digit = digitValue(scalars[position], radix: radix) {
                if value <= 0x10FFFF { value = value * radix + digit }
                position += 1
            }
            guard position > digitsStart else { return nil }
            if position < scalars.count, scalars[position] == ";" { position += 1 }
            let scalar = (value == 0 || value > 0x10FFFF) ? nil : Unicode.Scalar(value)
            return (scalar ?? "\u{FFFD}", position - start)
        }
        let nameStart = position
        while position < scalars.count, position - nameStart < 32, isASCIIAlphanumeric(scalars[position]) {
            position += 1
        }
        guard position < scalars.count, scalars[position] == ";", position > nameStart else { return nil }
        var name = String.UnicodeScalarView()
        name.append(contentsOf: scalars[nameStart..<position])
        guard let scalar = named[String(name)] else { return nil }
        return (scalar, position + 1 - start)
    }

    private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return false
        }
    }

    private static func digitValue(_ scalar: Unicode.Scalar, radix: UInt32) -> UInt32? {
        switch scalar.value {
        case 0x30...0x39: return scalar.value - 0x30
        case 0x61...0x66 where radix == 16: return scalar.value - 0x61 + 10
        case 0x41...0x46 where radix == 16: return scalar.value - 0x41 + 10
        default: return nil
        }
    }

    /// HTML 4's Latin-1 names in code point order, U+00A0 to U+00FF.
    static let latin1Names = [
        "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf", "laquo",
        "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot",
        "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc",
        "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute",
        "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash",
        "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig", "agrave", "aacute", "acirc", "atilde",
        "auml", "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc",
        "iuml", "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave",
        "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
    ]

    private static let otherNames: [String: UInt32] = [
        "amp": 38, "lt": 60, "gt": 62, "quot": 34, "apos": 39,
        "OElig": 338, "oelig": 339, "Scaron": 352, "scaron": 353, "Yuml": 376, "fnof": 402, "circ": 710, "tilde": 732,
        "ensp": 8194, "emsp": 8195, "thinsp": 8201, "zwnj": 8204, "zwj": 8205, "lrm": 8206, "rlm": 8207,
        "ndash": 8211, "mdash": 8212, "lsquo": 8216, "rsquo": 8217, "sbquo": 8218, "ldquo": 8220, "rdquo": 8221,
        "bdquo": 8222, "dagger": 8224, "Dagger": 8225, "bull": 8226, "hellip": 8230, "permil": 8240,
        "prime": 8242, "Prime": 8243, "lsaquo": 8249, "rsaquo": 8250, "euro": 8364, "trade": 8482,
        "larr": 8592, "uarr": 8593, "rarr": 8594, "darr": 8595, "harr": 8596, "minus": 8722, "infin": 8734,
        "asymp": 8776, "ne": 8800, "le": 8804, "ge": 8805, "hearts": 9829,
    ]

    static let named: [String: Unicode.Scalar] = {
        var table: [String: Unicode.Scalar] = [:]
        for (offset, name) in latin1Names.enumerated() {
            if let scalar = Unicode.Scalar(UInt32(0xA0 + offset)) { table[name] = scalar }
        }
        for (name, value) in otherNames {
            if let scalar = Unicode.Scalar(value) { table[name] = scalar }
        }
        return table
    }()
}
