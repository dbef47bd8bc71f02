/// Turns text into index terms the way BERT sees words: BERT's normalisation (control
/// characters out, accents stripped, lowercase, CJK ideographs as words of their own), then
/// words are maximal runs of letters and digits. Stemming and stop words are left out on
/// purpose: BM25's IDF already discounts common words, and stemming is language-specific.
struct KeywordAnalyzer: Sendable {
    private let normalizer = BertNormalizer()

    func terms(_ text: String) -> [String] {
        var terms: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in normalizer.normalize(text) {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if BertNormalizer.isChineseChar(scalar) {
                    if !current.isEmpty { terms.append(String(current)); current = String.UnicodeScalarView() }
                    terms.append(String(scalar))
                } else {
                    current.append(scalar)
                }
            } else if !current.isEmpty {
                terms.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { terms.append(String(current)) }
        return terms
    }
}
