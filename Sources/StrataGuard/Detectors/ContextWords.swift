/// Words near a candidate that raise or lower confidence: "card" before sixteen digits makes
/// a card number likelier, "order" before them makes it an order number.
enum ContextWords {
    static let orderLike: Set<String> = [
        "order", "invoice", "tracking", "ref", "reference", "ticket", "serial", "isbn", "sku",
        "confirmation", "booking", "shipment", "parcel", "case", "po", "receipt", "transaction", "id",
    ]
    static let cardLike: Set<String> = [
        "card", "credit", "debit", "visa", "mastercard", "amex", "cc", "payment", "pan", "cvv",
    ]
    static let phoneLike: Set<String> = [
        "phone", "tel", "telephone", "call", "mobile", "cell", "fax", "whatsapp", "sms", "text",
        "contact", "ring", "dial", "number", "handy", "telefon",
    ]
    static let ssnLike: Set<String> = ["ssn", "social", "security", "ss", "taxpayer", "tin", "itin"]
    static let sinLike: Set<String> = ["sin", "social", "insurance", "nas"]
    static let aadhaarLike: Set<String> = ["aadhaar", "aadhar", "uidai", "uid"]
    static let versionLike: Set<String> = ["version", "v", "ver", "release", "build", "firmware", "oid", "sdk", "kernel", "windows", "linux", "os"]
    static let secretLike: Set<String> = [
        "key", "token", "secret", "password", "passwd", "pwd", "apikey", "api", "auth",
        "bearer", "credential", "credentials", "access", "private",
    ]

    static func any(_ words: [String], in set: Set<String>, last: Int = 4) -> Bool {
        words.suffix(last).contains { set.contains($0) }
    }
}
