/// RFC 4180 records: quoted fields may hold commas, newlines and doubled quotes. Expects
/// text from `SourceText` (no BOM, `\n` line endings). Blank lines are skipped; text after a
/// closing quote is kept rather than rejected, as spreadsheets tend to do.
enum CSVParser {
    struct Record: Equatable {
        var fields: [String]
        /// The line the record starts on (records with quoted newlines span several).
        var line: Int
    }

    static func parse(_ text: String) throws(ParseFailure) -> [Record] {
        let bytes = Array(text.utf8)
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
        var records: [Record] = []
        var index = 0
        var line = 1
        while index < bytes.count {
            let recordLine = line
            var fields: [String] = []
            var sawQuote = false
            while true {
                var field: [UInt8] = []
                if index < bytes.count, bytes[index] == quote {
                    sawQuote = true
                    let openingLine = line
                    index += 1
                    while true {
                        guard index < bytes.count else {
                            throw ParseFailure(line: openingLine, message: "quoted field is never closed")
                        }
                        let byte = bytes[index]
                        if byte == quote {
                            if index + 1 < bytes.count, bytes[index + 1] == quote {
                                field.append(quote)
                                index += 2
                                continue
                            }
                            index += 1
                            break
                        }
                        if byte == newline { line += 1 }
                        field.append(byte)
                        index += 1
                    }
                }
                while index < bytes.count, bytes[index] != comma, bytes[index] != newline {
                    field.append(bytes[index])
                    index += 1
                }
                fields.append(String(decoding: field, as: UTF8.self))
                if index < bytes.count, bytes[index] == comma {
                    index += 1
                    continue
                }
                if index < bytes.count {  // the newline ending this record
                    index += 1
                    line += 1
                }
                break
            }
            if fields.count == 1, fields[0].isEmpty, !sawQuote { continue }
            records.append(Record(fields: fields, line: recordLine))
        }
        return records
    }
}
