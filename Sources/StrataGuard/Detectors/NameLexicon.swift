/// Word lists behind `PersonNameDetector`: titles, common given names from many cultures,
/// and capitalised words that often follow a cue but are not names.
enum NameLexicon {
    static let titles: Set<String> = [
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "herr", "frau", "mme", "mlle",
        "señor", "señora", "sr", "sra", "signor", "signora", "rev", "capt", "captain", "officer", "judge",
    ]

    static let salutations: Set<String> = ["dear", "hi", "hello", "hey"]
    /// Words that introduce a name when followed by "," or ":" ("Regards,", "From:", "Patient:").
    static let labelCues: Set<String> = [
        "regards", "thanks", "sincerely", "cheers", "best", "from", "to", "cc", "signed", "applicant", "patient",
        "customer", "employee", "contact", "attn", "holder", "owner", "beneficiary", "passenger", "client",
    ]
    /// First words of every cue, to reject most words with one lookup.
    static let cueStarts: Set<String> = salutations.union(labelCues).union(["my", "name", "kind", "named", "called"])

    static let firstNames: Set<String> = [
        // English
        "james", "john", "robert", "michael", "william", "david", "richard", "joseph", "thomas", "charles",
        "christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven", "paul", "andrew", "joshua",
        "kevin", "brian", "george", "edward", "ronald", "timothy", "jason", "jeffrey", "ryan", "jacob", "gary",
        "nicholas", "eric", "jonathan", "stephen", "larry", "justin", "scott", "brandon", "benjamin", "samuel",
        "frank", "gregory", "raymond", "alexander", "patrick", "jack", "dennis", "jerry", "tyler", "aaron",
        "henry", "peter", "adam", "nathan", "zachary", "kyle", "walter", "harold", "jeremy", "ethan", "carl",
        "keith", "roger", "gerald", "christian", "terry", "sean", "arthur", "austin", "noah", "lawrence",
        "jesse", "joe", "bryan", "billy", "jordan", "albert", "dylan", "bruce", "willie", "gabriel", "alan",
        "juan", "logan", "wayne", "ralph", "roy", "eugene", "randy", "vincent", "russell", "louis", "philip",
        "bobby", "johnny", "bradley", "tom", "tim", "mike", "dave", "chris", "matt", "nick", "ben", "sam", "alex",
        "mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah", "karen",
        "nancy", "lisa", "betty", "margaret", "sandra", "ashley", "kimberly", "emily", "donna", "michelle",
        "dorothy", "carol", "amanda", "melissa", "deborah", "stephanie", "rebecca", "sharon", "laura", "cynthia",
        "kathleen", "amy", "shirley", "angela", "helen", "anna", "brenda", "pamela", "nicole", "emma", "samantha",
        "katherine", "christine", "debra", "rachel", "catherine", "carolyn", "janet", "ruth", "maria", "heather",
        "diane", "virginia", "julie", "joyce", "victoria", "olivia", "kelly", "christina", "lauren", "joan",
        "evelyn", "judith", "megan", "cheryl", "andrea", "hannah", "martha", "jacqueline", "frances", "gloria",
        "ann", "teresa", "kathryn", "sara", "janice", "jean", "alice", "madison", "doris", "abigail", "julia",
        "judy", "grace", "denise", "amber", "marilyn", "beverly", "danielle", "theresa", "sophia", "marie",
        "diana", "brittany", "natalie", "isabella", "charlotte", "rose", "alexis", "kayla", "jane", "kate", "lucy",
        // European
        "hans", "klaus", "jürgen", "jurgen", "stefan", "andreas", "markus", "lukas", "felix", "maximilian", "jonas",
        "lena", "leonie", "sophie", "katharina", "julia", "anja", "petra", "sabine", "ursula", "monika", "greta",
        "pierre", "jean", "jacques", "louis", "françois", "francois", "nicolas", "julien", "camille", "chloé", "chloe",
        "manon", "léa", "lea", "giulia", "giuseppe", "marco", "luca", "matteo", "francesca", "chiara", "alessandro",
        "carlos", "javier", "miguel", "jose", "josé", "lucía", "lucia", "sofía", "sofia", "carmen", "pablo", "diego",
        "joão", "joao", "ana", "pedro", "inês", "ines", "sven", "lars", "erik", "nils", "ingrid", "astrid", "freya",
        "jan", "piotr", "katarzyna", "agnieszka", "tomasz", "olga", "ivan", "dmitri", "sergei", "natalia", "elena",
        "irina", "anastasia", "mikhail", "aleksandr", "tatiana", "svetlana", "niamh", "siobhan", "sean", "liam",
        "aoife", "ciara", "fatima", "noor", "maria",
        // Middle East, Africa, Asia
        "mohammed", "muhammad", "ahmed", "ali", "omar", "hassan", "hussein", "youssef", "yusuf", "ibrahim", "mustafa",
        "khalid", "amal", "layla", "leila", "aisha", "zainab", "mariam", "yasmin", "kwame", "kofi", "ama", "abena",
        "chinedu", "ngozi", "emeka", "oluwaseun", "tunde", "amara", "wanjiru", "thabo", "sipho", "priya", "rahul",
        "amit", "anil", "sunita", "deepak", "ravi", "arjun", "pooja", "neha", "vikram", "anjali", "sanjay", "rohan",
        "wei", "li", "ming", "jing", "hui", "xiao", "yan", "mei", "jun", "hiroshi", "takashi", "kenji", "yuki",
        "aiko", "haruto", "sakura", "yui", "akira", "minjun", "seojun", "jiwoo", "seoyeon", "hoa", "minh", "linh",
        "nguyen", "siti", "putri", "budi", "agus", "ayesha", "imran", "bilal", "zara", "tariq", "farah", "nadia",
    ]

    /// Capitalised words that follow cues ("Dear Team", "Hi All", "From: Support") but are not names.
    static let notNames: Set<String> = [
        "team", "all", "everyone", "there", "support", "sir", "madam", "folks", "guys", "customer", "user", "admin",
        "the", "a", "an", "this", "that", "these", "it", "we", "you", "they", "he", "she", "i", "my", "our", "your",
        "thanks", "thank", "regards", "best", "kind", "please", "hello", "hi", "dear", "re", "fwd", "subject",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "street", "road", "avenue", "lane", "london", "paris", "berlin", "inc", "ltd", "llc", "gmbh", "corp",
        "company", "department", "office", "manager", "director", "engineer", "senior", "junior", "analyst",
        "example", "sales", "marketing", "hr", "it", "finance", "legal", "service", "services", "desk", "help",
        "order", "invoice", "ticket", "account", "bank", "card", "mobile", "phone", "email", "name", "date",
    ]
}
