/// Built-in moderation lists. Deliberately small and unambiguous: common English obscenities
/// and a few phrases of hateful advocacy. Deployments add their own lists (slurs per
/// language, brand terms) through policy configuration.
public enum DefaultLexicons {
    public static let profanity: [LexiconEntry] = {
        let stems = ["fuck", "motherfuck", "shit", "bullshit", "bitch", "cunt", "whore", "slut", "wank", "asshole", "dickhead", "douchebag"]
        let words = ["twat", "bastard", "bollocks", "jackass", "arsehole", "piss", "pissed", "crap", "prick", "dipshit", "shithead"]
        return stems.map { LexiconEntry($0, category: .profanity, matchPrefix: true) }
            + words.map { LexiconEntry($0, category: .profanity) }
    }()

    public static let hate: [LexiconEntry] = [
        "subhuman", "untermensch", "master race", "white power", "heil hitler", "ethnic cleansing",
        "racial purity", "gas the", "race traitor", "final solution",
    ].map { LexiconEntry($0, category: .hate) }
}
