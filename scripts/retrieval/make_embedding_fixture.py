#!/usr/bin/env python3
"""Writes Tests/Fixtures/retrieval/minilm-reference.json: token ids and sentence-transformers
embeddings of all-MiniLM-L6-v2 for a varied set of sentences, the reference the Swift embedder
is tested against.

Run once (needs torch CPU + sentence-transformers in a venv outside the repo):
  python3 -m venv /tmp/st-venv && /tmp/st-venv/bin/pip install torch sentence-transformers
  /tmp/st-venv/bin/python scripts/retrieval/make_embedding_fixture.py
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODEL = os.path.join(ROOT, "models", "all-minilm-l6-v2")
OUT = os.path.join(ROOT, "Tests", "Fixtures", "retrieval", "minilm-reference.json")

SENTENCES = [
    "",
    "Hello world",
    "The quick brown fox jumps over the lazy dog.",
    "A man is eating food.",
    "A man is eating a piece of bread.",
    "The girl is carrying a baby.",
    "A man is riding a horse.",
    "A woman is playing violin.",
    "Two men pushed carts through the woods.",
    "A man is riding a white horse on an enclosed ground.",
    "A monkey is playing drums.",
    "Someone in a gorilla costume is playing a set of drums.",
    "How do I reset my password?",
    "What is the refund policy for annual subscriptions?",
    "Our quarterly revenue grew by 12.5% year over year, driven by enterprise deals.",
    "The invoice #INV-2024-00031 is due on 2024-03-15.",
    "Contact support@example.com or call +1 (555) 010-9999.",
    "Visit https://example.org/docs/getting-started?lang=en#install for details.",
    "func embed(_ texts: [String]) throws -> [[Float]] { return [] }",
    "SELECT id, name FROM users WHERE created_at > NOW() - INTERVAL '7 days';",
    "import numpy as np; x = np.zeros((3, 4), dtype=np.float32)",
    "Kubernetes pods restart when the liveness probe fails three times in a row.",
    "The HNSW graph connects each node to its M nearest neighbours on every layer.",
    "Retrieval-augmented generation grounds answers in the user's own documents.",
    "Large language models can hallucinate facts that are not in their context.",
    "Café au lait, naïve résumé, and a piñata at the fiancée's soirée.",
    "Ångström, Øresund, Ærøskøbing, Łódź, Dvořák, Škoda.",
    "Straße und Fußgängerübergänge in München.",
    "İstanbul'da ılık bir akşam; ŞİŞLİ ve Çağlayan.",
    "Η γρήγορη καφέ αλεπού πηδάει πάνω από τον τεμπέλη σκύλο.",
    "Быстрая коричневая лиса прыгает через ленивую собаку.",
    "الثعلب البني السريع يقفز فوق الكلب الكسول",
    "我爱自然语言处理。",
    "今天天气很好，我们去公园散步吧！",
    "東京は日本の首都です。ひらがなとカタカナも。",
    "한국어 문장도 토큰화됩니다.",
    "ภาษาไทยไม่มีช่องว่างระหว่างคำ",
    "Emoji test 😀🚀🔥 and a family 👨‍👩‍👧‍👦 too.",
    "Tabs\tand\nnewlines\r\nand   multiple    spaces.",
    "Zero\u200bwidth\u200bspaces and a soft\u00adhyphen.",
    "Control\u0000char and replacement \ufffd char.",
    "Non-breaking\u00a0space and ideographic\u3000space.",
    "ALL CAPS SENTENCE SHOUTING ABOUT DEADLINES!!!",
    "MiXeD cAsE wOrDs LiKe iPhone, eBay and McDonald's.",
    "Punctuation: commas, semicolons; colons: dashes — en–dashes, ellipses… and “quotes”.",
    "Symbols $100 + 20% = <unknown> ^ `code` | ~tilde @ #hash & *star",
    "Numbers 3.14159, 2.71828, 1,000,000 and 1e-9.",
    "antidisestablishmentarianism floccinaucinihilipilification",
    "supercalifragilisticexpialidocious" * 4,
    "x" * 120,
    "unbelievably unreasonable uncharacteristically",
    "The cat sat on the mat.",
    "The dog sat on the log.",
    "Rain is expected tomorrow afternoon in the northern regions.",
    "Stock markets fell sharply after the central bank raised interest rates.",
    "Photosynthesis converts light energy into chemical energy stored in glucose.",
    "The mitochondria is the powerhouse of the cell.",
    "Shakespeare wrote Hamlet around the year 1600.",
    "To be, or not to be, that is the question.",
    "I think, therefore I am.",
    "Water boils at 100 degrees Celsius at sea level.",
    "The Eiffel Tower is located in Paris, France.",
    "Mount Everest is the highest mountain above sea level.",
    "She sells seashells by the seashore.",
    "Peter Piper picked a peck of pickled peppers.",
    "Please summarise the attached contract and list the termination clauses.",
    "Translate 'good morning' into Spanish, French and German.",
    "Write a haiku about autumn leaves falling on a quiet pond.",
    "Explain the difference between TCP and UDP in two sentences.",
    "Why is the sky blue during the day and red at sunset?",
    "My order arrived damaged; I would like a replacement.",
    "The package was left at the front door without a signature.",
    "Can I change the shipping address after checkout?",
    "The API returns HTTP 429 when the rate limit is exceeded.",
    "Set STRATA_DATABASE_URL=postgres://user:pass@db:5432/strata to scale out.",
    "Error: ENOENT: no such file or directory, open '/etc/strata.yaml'",
    "The patient reported mild headaches and occasional dizziness.",
    "Take one tablet twice daily with food.",
    "The court ruled that the contract was void for lack of consideration.",
    "Section 4.2(b) of the agreement governs confidentiality obligations.",
    "He scored a hat-trick in the final minutes of the match.",
    "The orchestra performed Beethoven's Ninth Symphony to a standing ovation.",
    "Preheat the oven to 180°C and bake for 25 minutes.",
    "Add two cups of flour, a pinch of salt, and three eggs.",
    "The spacecraft entered orbit around Mars after a seven-month journey.",
    "Quantum computers use qubits that can be in superposition.",
    "Gradient descent minimises the loss by following the negative gradient.",
    "Attention is all you need.",
    "BERT uses WordPiece tokenization with a vocabulary of 30,522 tokens.",
    "Sentence embeddings map text to vectors so similar meanings are close.",
    "a",
    "?",
    "...",
    "[CLS] [SEP] [MASK] [PAD] [UNK] are special tokens",
    "don't won't can't shouldn't y'all ma'am",
    "e-mail, co-operate, state-of-the-art, well-known",
    "C++ and C# and F# and .NET and Node.js",
    "The year 2038 problem affects 32-bit Unix timestamps.",
    "Résumé writing tips: keep it to one page.",
    "naïve Bayes classifiers assume feature independence.",
    "The weather in São Paulo is warm; in Reykjavík it is cold.",
    "Ünïcödé äccénts èvérywhérè",
    "ﬁ ligature and ﬀ ligature and ＦＵＬＬＷＩＤＴＨ text",
    "Ⅻ Roman numeral and ① circled digit and ² superscript",
    "One more sentence about vector databases and approximate nearest neighbour search.",
    " ".join(["This long paragraph repeats to test truncation at two hundred fifty six tokens."] * 30),
    "\n\n".join(["# Heading", "Some markdown **bold** and _italic_ text with `inline code`.", "- list item one\n- list item two"]),
]


def main() -> None:
    from sentence_transformers import SentenceTransformer
    import torch

    torch.set_num_threads(2)
    model = SentenceTransformer(MODEL, device="cpu")
    tokenizer = model.tokenizer
    max_len = model.max_seq_length
    entries = []
    vectors = model.encode(SENTENCES, batch_size=32, normalize_embeddings=False, convert_to_numpy=True)
    for text, vector in zip(SENTENCES, vectors):
        ids = tokenizer(text, truncation=True, max_length=max_len)["input_ids"]
        entries.append({
            "text": text,
            "ids": ids,
            "vector": [round(float(v), 6) for v in vector],
        })
    meta = {
        "model": "all-minilm-l6-v2",
        "maxSeqLength": max_len,
        "generator": "sentence-transformers " + __import__("sentence_transformers").__version__
        + ", torch " + torch.__version__,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump({"meta": meta, "entries": entries}, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(entries)} entries to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
