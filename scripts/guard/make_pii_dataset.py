#!/usr/bin/env python3
"""Builds the labeled PII benchmark set bench/guard/pii_dataset.jsonl.

Deterministic (fixed seed). Each line: {"id", "text", "entities": [{"type", "start", "end"}]}
with offsets in Unicode code points (= Swift unicode scalars). Three parts:
  * positives: valid values (checksums computed here) in sentence templates and real-looking
    text (support tickets, e-mail signatures, log lines, forms), in many formats;
  * obfuscations: full-width digits, odd dashes, dotted digits, spelled-out e-mails;
  * traps: order numbers, dates, versions, Luhn-invalid cards, unissued SSNs, bad IBANs,
    MAC addresses, timestamps, hashes: text that must produce no entity.
Types: PERSON, EMAIL, PHONE, CREDIT_CARD, IBAN, US_SSN, UK_NINO, IP_ADDRESS (PERSON only where a
template names someone; names come from a 12 x 12 list of first and last names).
"""
import json
import random
import re
import sys

R = random.Random(20261125)

FIRST = ["Jane", "Omar", "Lena", "Kwame", "Mei", "Carlos", "Priya", "Tom", "Aiko", "Fatima", "Sven", "Noor"]
LAST = ["Doe", "Haddad", "Fischer", "Mensah", "Chen", "Ruiz", "Patel", "Brown", "Sato", "Khan", "Larsen", "Ali"]
DOMAINS = ["example.com", "mail.example.org", "corp.example.net", "uni.example.ac.uk", "shop.example.de"]


def luhn_complete(prefix, length):
    digits = [int(c) for c in prefix]
    while len(digits) < length - 1:
        digits.append(R.randrange(10))
    for check in range(10):
        cand = digits + [check]
        s = 0
        for i, d in enumerate(reversed(cand)):
            if i % 2 == 1:
                d *= 2
                if d > 9:
                    d -= 9
            s += d
        if s % 10 == 0:
            return "".join(map(str, cand))
    raise AssertionError


def luhn_ok(num):
    s = 0
    for i, d in enumerate(reversed([int(c) for c in num])):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        s += d
    return s % 10 == 0


def card():
    brand = R.choice(["visa", "visa", "mc", "mc2", "amex", "disc", "jcb"])
    if brand == "visa":
        n = luhn_complete("4" + str(R.randrange(10)), 16)
    elif brand == "mc":
        n = luhn_complete(str(R.randrange(51, 56)), 16)
    elif brand == "mc2":
        n = luhn_complete(str(R.randrange(2221, 2721)), 16)
    elif brand == "amex":
        n = luhn_complete(R.choice(["34", "37"]), 15)
    elif brand == "disc":
        n = luhn_complete("6011", 16)
    else:
        n = luhn_complete(str(R.randrange(3528, 3590)), 16)
    style = R.choice(["space", "dash", "plain", "space"])
    if len(n) == 15:
        groups = [n[:4], n[4:10], n[10:]]
    else:
        groups = [n[i:i + 4] for i in range(0, 16, 4)]
    return {"space": " ".join(groups), "dash": "-".join(groups), "plain": n}[style]


IBAN_SPECS = {"DE": (22, "n8n10"), "GB": (22, "a4n14"), "FR": (27, "n10a11n2"), "NL": (18, "a4n10"),
              "ES": (24, "n20"), "IT": (27, "a1n10a12"), "CH": (21, "n5a12"), "BE": (16, "n12")}


def bban(spec):
    out = ""
    i = 0
    while i < len(spec):
        kind = spec[i]
        j = i + 1
        while j < len(spec) and spec[j].isdigit():
            j += 1
        count = int(spec[i + 1:j])
        for _ in range(count):
            if kind == "n":
                out += str(R.randrange(10))
            else:
                out += chr(65 + R.randrange(26)) if R.random() < 0.5 or kind == "a" else str(R.randrange(10))
        i = j
    return out


def iban_check(country, b):
    rearranged = b + country + "00"
    num = "".join(str(ord(c) - 55) if c.isalpha() else c for c in rearranged)
    return "%02d" % (98 - int(num) % 97)


def iban(valid=True):
    country = R.choice(list(IBAN_SPECS))
    length, spec = IBAN_SPECS[country]
    b = bban(spec)
    check = iban_check(country, b)
    if not valid:
        check = "%02d" % ((int(check) + 1 + R.randrange(90)) % 97 + 2)
        if check == iban_check(country, b):
            check = "%02d" % ((int(check) + 1) % 100)
    s = country + check + b
    assert len(s) == length
    if R.random() < 0.6:
        s = " ".join(s[i:i + 4] for i in range(0, len(s), 4))
    return s


def ssn(valid=True):
    while True:
        area = R.randrange(1, 900)
        if area == 666:
            continue
        group = R.randrange(1, 100)
        serial = R.randrange(1, 10000)
        break
    if not valid:
        kind = R.choice(["area0", "area666", "area9", "group0", "serial0"])
        if kind == "area0":
            area = 0
        elif kind == "area666":
            area = 666
        elif kind == "area9":
            area = R.randrange(900, 1000)
        elif kind == "group0":
            group = 0
        else:
            serial = 0
    sep = R.choice(["-", "-", "-", " "])
    return "%03d%s%02d%s%04d" % (area, sep, group, sep, serial)


NINO_FIRST = [c for c in "ABCEGHJKLMNOPRSTWXYZ"]
NINO_SECOND = [c for c in "ABCEGHJKLMNPRSTWXYZ"]


def nino():
    while True:
        p = R.choice(NINO_FIRST) + R.choice(NINO_SECOND)
        if p not in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ"):
            break
    d = "%06d" % R.randrange(1000000)
    suffix = R.choice("ABCD")
    if R.random() < 0.5:
        return "%s %s %s %s %s" % (p, d[:2], d[2:4], d[4:], suffix)
    return p + d + suffix


def phone():
    kind = R.choice(["us_paren", "us_dash", "us_dot", "intl_us", "uk_intl", "uk_nat", "de_intl", "fr_intl", "e164"])
    a = R.randrange(2, 10) * 100 + R.randrange(100)
    e = R.randrange(2, 10) * 100 + R.randrange(100)
    line = R.randrange(10000)
    if kind == "us_paren":
        return "(%03d) %03d-%04d" % (a, e, line)
    if kind == "us_dash":
        return "%03d-%03d-%04d" % (a, e, line)
    if kind == "us_dot":
        return "%03d.%03d.%04d" % (a, e, line)
    if kind == "intl_us":
        return "+1 %03d %03d %04d" % (a, e, line)
    if kind == "uk_intl":
        return "+44 20 %04d %04d" % (R.randrange(7000, 8999), R.randrange(10000))
    if kind == "uk_nat":
        return "020 %04d %04d" % (R.randrange(7000, 8999), R.randrange(10000))
    if kind == "de_intl":
        return "+49 30 %08d" % R.randrange(10 ** 7, 10 ** 8)
    if kind == "fr_intl":
        return "+33 1 %02d %02d %02d %02d" % tuple(R.randrange(100) for _ in range(4))
    return "+%d%010d" % (R.choice([1, 44, 49, 33, 61, 81]), R.randrange(10 ** 9, 10 ** 10))


def email():
    f, l = R.choice(FIRST).lower(), R.choice(LAST).lower()
    local = R.choice([f + "." + l, f[0] + l, f + "_" + l + str(R.randrange(100)), f + "+news"])
    return local + "@" + R.choice(DOMAINS)


def ipv4():
    kind = R.choice(["pub", "priv10", "priv192"])
    if kind == "priv10":
        return "10.%d.%d.%d" % (R.randrange(256), R.randrange(256), R.randrange(1, 255))
    if kind == "priv192":
        return "192.168.%d.%d" % (R.randrange(256), R.randrange(1, 255))
    return "%d.%d.%d.%d" % (R.randrange(11, 224), R.randrange(256), R.randrange(256), R.randrange(1, 255))


def ipv6():
    groups = ["%x" % R.randrange(65536) for _ in range(8)]
    if R.random() < 0.5:
        return "2001:db8::%s:%s" % (groups[0], groups[1])
    return ":".join(groups)


GEN = {"EMAIL": email, "PHONE": phone, "CREDIT_CARD": card, "IBAN": iban, "US_SSN": ssn, "UK_NINO": nino,
       "IP_ADDRESS": lambda: ipv4() if R.random() < 0.75 else ipv6()}

TEMPLATES = {
    "EMAIL": ["Please contact {} for the refund.", "From: {} \nSubject: invoice", "my email is {} thanks",
              "Reach {name} at {} or by phone.", "cc: {}; bcc: nobody"],
    "PHONE": ["Call me at {} after 5pm.", "Phone: {}", "You can reach {name} on {} tomorrow.", "tel {} (mobile)",
              "Our office number is {}."],
    "CREDIT_CARD": ["My card number is {} exp 09/28.", "Charge {} please", "Visa: {}", "card {} was declined",
                    "Use the card ending in the digits {} for the booking."],
    "IBAN": ["Transfer the amount to IBAN {} by Friday.", "Bank details: {}", "IBAN: {} (account holder {name})",
             "please wire to {}"],
    "US_SSN": ["SSN: {}", "My social security number is {}.", "{name}'s SSN {} is on the form.",
               "Social Security No. {}"],
    "UK_NINO": ["National Insurance number: {}", "NI no {} for payroll", "{name}'s NINO is {}."],
    "IP_ADDRESS": ["Login from {} failed three times.", "client_ip={} status=403", "The server at {} is down.",
                   "ssh admin@{} -p 22"],
}

TRAPS = [
    lambda: "Your order #%d has shipped." % R.randrange(10 ** 15, 10 ** 16),
    lambda: "Order number %d, tracking %d." % (R.randrange(10 ** 9, 10 ** 10), R.randrange(10 ** 11, 10 ** 12)),
    lambda: "The meeting is on %04d-%02d-%02d at %02d:%02d." % (R.randrange(2020, 2030), R.randrange(1, 13), R.randrange(1, 29), R.randrange(24), R.randrange(60)),
    lambda: "Born %02d/%02d/%04d in Leeds." % (R.randrange(1, 29), R.randrange(1, 13), R.randrange(1950, 2010)),
    lambda: "Upgrade to version %d.%d.%d.%d before Monday." % tuple(R.randrange(20) for _ in range(4)),
    lambda: "Running build %d.%d.%d on node v%d.%d.%d." % tuple(R.randrange(30) for _ in range(6)),
    lambda: "The MAC is %s." % ":".join("%02X" % R.randrange(256) for _ in range(6)),
    lambda: "commit %s fixed it" % "".join(R.choice("0123456789abcdef") for _ in range(40)),
    lambda: "Invoice total: $%d.%02d for %d items." % (R.randrange(10000), R.randrange(100), R.randrange(1, 50)),
    lambda: "Card %s was rejected as invalid." % bad_card(),
    lambda: "SSN field contained %s which is not issuable." % ssn(valid=False),
    lambda: "The IBAN %s failed validation." % iban(valid=False),
    lambda: "Population grew to %d,%03d,%03d in %d." % (R.randrange(1, 999), R.randrange(1000), R.randrange(1000), R.randrange(1990, 2024)),
    lambda: "Coordinates %d.%06d, %d.%06d" % (R.randrange(90), R.randrange(10 ** 6), R.randrange(180), R.randrange(10 ** 6)),
    lambda: "ISBN 978-%d-%02d-%06d-%d" % (R.randrange(10), R.randrange(100), R.randrange(10 ** 6), R.randrange(10)),
    lambda: "Timestamp %d ms, request id %d" % (R.randrange(10 ** 12, 10 ** 13), R.randrange(10 ** 8, 10 ** 9)),
    lambda: "Score was %d-%d and attendance %d." % (R.randrange(10), R.randrange(10), R.randrange(10000, 90000)),
    lambda: "Use std::vector and a::b in C++, ratio 3:2:1.",
    lambda: "Follow @%s on the forum; write to support at the help desk." % R.choice(FIRST).lower(),
    lambda: "Reference %s-%d filed under case %d." % (R.choice(["INC", "REQ", "CHG"]), R.randrange(10 ** 6, 10 ** 7), R.randrange(10 ** 5, 10 ** 6)),
]


def bad_card():
    while True:
        n = "4" + "".join(str(R.randrange(10)) for _ in range(15))
        if not luhn_ok(n):
            return " ".join(n[i:i + 4] for i in range(0, 16, 4))


FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def obfuscate(kind, value):
    """Returns a disguised value a reader would still recognise, or None when none applies."""
    if kind in ("CREDIT_CARD", "PHONE", "US_SSN") and R.random() < 0.5:
        return value.translate(FULLWIDTH)
    if kind == "CREDIT_CARD":
        digits = value.replace(" ", "").replace("-", "")
        return R.choice([".".join(digits[i:i + 4] for i in range(0, len(digits), 4)),
                         "\u2013".join(digits[i:i + 4] for i in range(0, len(digits), 4))])
    if kind == "EMAIL":
        local, domain = value.split("@")
        return local + " [at] " + domain.replace(".", " [dot] ")
    if kind == "PHONE":
        return value.replace("-", "\u2013")
    return None


class Doc:
    def __init__(self):
        self.text = ""
        self.entities = []

    def add(self, s):
        self.text += s

    def entity(self, kind, value):
        start = len(self.text)
        self.text += value
        self.entities.append({"type": kind, "start": start, "end": len(self.text)})


def render(doc, template, kind, value):
    """Fills "{}" with the entity and "{name}" with a labeled PERSON."""
    name = R.choice(FIRST) + " " + R.choice(LAST)
    for part in re.split(r"(\{\}|\{name\})", template):
        if part == "{}":
            doc.entity(kind, value)
        elif part == "{name}":
            doc.entity("PERSON", name)
        else:
            doc.add(part)


def realistic(doc):
    """A multi-entity document: ticket, signature or log excerpt."""
    style = R.choice(["ticket", "signature", "log", "form"])
    name = R.choice(FIRST) + " " + R.choice(LAST)
    if style == "ticket":
        doc.add("Ticket from ")
        doc.entity("PERSON", name)
        doc.add(": I was double charged on card ")
        doc.entity("CREDIT_CARD", card())
        doc.add(". Please call me back on ")
        doc.entity("PHONE", phone())
        doc.add(" or email ")
        doc.entity("EMAIL", email())
        doc.add(". Order #%d, placed %04d-%02d-%02d." % (R.randrange(10 ** 7, 10 ** 8), R.randrange(2020, 2027), R.randrange(1, 13), R.randrange(1, 29)))
    elif style == "signature":
        doc.add("Best regards,\n")
        doc.entity("PERSON", name)
        doc.add("\nSenior Analyst, Example Ltd\nM: ")
        doc.entity("PHONE", phone())
        doc.add("\nE: ")
        doc.entity("EMAIL", email())
        doc.add("\nBank: ")
        doc.entity("IBAN", iban())
    elif style == "log":
        doc.add("%04d-%02d-%02dT%02d:%02d:%02dZ WARN auth: failed login user=" % (2026, R.randrange(1, 13), R.randrange(1, 29), R.randrange(24), R.randrange(60), R.randrange(60)))
        doc.entity("EMAIL", email())
        doc.add(" src=")
        doc.entity("IP_ADDRESS", ipv4())
        doc.add(" attempts=%d build=%d.%d.%d" % (R.randrange(1, 9), R.randrange(5), R.randrange(20), R.randrange(100)))
    else:
        doc.add("Applicant: ")
        doc.entity("PERSON", name)
        doc.add("\nSSN: ")
        doc.entity("US_SSN", ssn())
        doc.add("\nNI number: ")
        doc.entity("UK_NINO", nino())
        doc.add("\nDate of birth: %02d/%02d/%04d" % (R.randrange(1, 13), R.randrange(1, 29), R.randrange(1950, 2005)))


def main(path):
    docs = []
    for kind, templates in TEMPLATES.items():
        for _ in range(40):
            d = Doc()
            render(d, R.choice(templates), kind, GEN[kind]())
            docs.append(d)
        for _ in range(8):
            value = GEN[kind]()
            disguised = obfuscate(kind, value)
            if disguised is None:
                continue
            d = Doc()
            render(d, R.choice(templates), kind, disguised)
            docs.append(d)
    for _ in range(80):
        d = Doc()
        realistic(d)
        docs.append(d)
    for _ in range(160):
        d = Doc()
        d.add(R.choice(TRAPS)())
        docs.append(d)
    R.shuffle(docs)
    with open(path, "w", encoding="utf-8") as f:
        for i, d in enumerate(docs):
            f.write(json.dumps({"id": i, "text": d.text, "entities": d.entities}, ensure_ascii=False) + "\n")
    print("wrote %d documents, %d entities to %s" % (len(docs), sum(len(d.entities) for d in docs), path))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench/guard/pii_dataset.jsonl")
