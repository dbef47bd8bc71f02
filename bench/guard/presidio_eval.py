#!/usr/bin/env python3
"""Scores PII detection on bench/guard/pii_dataset.jsonl for Strata and Microsoft Presidio.

usage: presidio_eval.py OUT_MARKDOWN PROMPT_2KB SPACY_MODEL_DIR|blank NAME=DATASET:STRATA_PREDICTIONS...

Presidio runs in-process (presidio-analyzer with the spaCy pipeline given, or a blank
English pipeline), at its default score threshold (0) and at 0.5. A prediction is a true positive when it has the gold type and overlaps
an unmatched gold span (each gold entity matches at most once); "exact" additionally
requires identical boundaries. Only the eight labeled types are scored, for both tools.
"""
import json
import statistics
import sys
import time

TYPES = ["PERSON", "EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "UK_NINO", "IP_ADDRESS"]
PRESIDIO_TO_LABEL = {"PERSON": "PERSON", "EMAIL_ADDRESS": "EMAIL", "PHONE_NUMBER": "PHONE", "CREDIT_CARD": "CREDIT_CARD",
                     "IBAN_CODE": "IBAN", "US_SSN": "US_SSN", "UK_NINO": "UK_NINO", "IP_ADDRESS": "IP_ADDRESS"}


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def score(gold_docs, preds_by_id, exact=False):
    counts = {t: [0, 0, 0] for t in TYPES}  # tp, fp, fn
    for doc in gold_docs:
        gold = [g for g in doc["entities"] if g["type"] in TYPES]
        pred = [p for p in preds_by_id.get(doc["id"], []) if p["type"] in TYPES]
        used = set()
        for p in pred:
            hit = None
            for i, g in enumerate(gold):
                if i in used or g["type"] != p["type"]:
                    continue
                same = (g["start"], g["end"]) == (p["start"], p["end"])
                if (exact and same) or (not exact and p["start"] < g["end"] and g["start"] < p["end"]):
                    hit = i
                    break
            if hit is None:
                counts[p["type"]][1] += 1
            else:
                used.add(hit)
                counts[p["type"]][0] += 1
        for i, g in enumerate(gold):
            if i not in used:
                counts[g["type"]][2] += 1
    return counts


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def table(counts):
    rows = []
    total = [0, 0, 0]
    for t in TYPES:
        tp, fp, fn = counts[t]
        total = [a + b for a, b in zip(total, counts[t])]
        rows.append((t, tp, fp, fn) + prf(tp, fp, fn))
    rows.append(("micro", *total) + prf(*total))
    return rows


def presidio_engine(model_dir):
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model_dir}]}
    nlp = NlpEngineProvider(nlp_configuration=conf).create_engine()
    registry = RecognizerRegistry()
    registry.load_predefined_recognizers(nlp_engine=nlp)
    # UK NINO is off by default; turn it on so both tools look for the same eight types.
    try:
        from presidio_analyzer.predefined_recognizers import UkNinoRecognizer
        registry.add_recognizer(UkNinoRecognizer())
    except ImportError:
        pass
    return AnalyzerEngine(nlp_engine=nlp, registry=registry)


def per_type_table(lines, title, counts):
    lines += ["### " + title, "", "| type | TP | FP | FN | precision | recall | F1 |", "|---|---:|---:|---:|---:|---:|---:|"]
    for row in table(counts):
        lines.append("| %s | %d | %d | %d | %.3f | %.3f | %.3f |" % row)
    lines.append("")


def main():
    out_path, prompt_path, model_dir = sys.argv[1:4]
    sets = [arg.split("=", 1) for arg in sys.argv[4:]]
    if model_dir == "blank":
        import spacy
        import tempfile
        model_dir = tempfile.mkdtemp()
        spacy.blank("en").to_disk(model_dir)
    engine = presidio_engine(model_dir)
    entities = list(PRESIDIO_TO_LABEL)
    lines = ["# PII detection: Strata vs Presidio", "",
             "Presidio: presidio-analyzer with spaCy pipeline `%s`, UK_NINO recognizer enabled. "
             "Strata: `PIIScanner()` defaults (min confidence 0.5). Overlap match = same type and overlapping span; "
             "exact = identical boundaries. Only the eight labeled types are scored." % model_dir.rstrip("/").split("/")[-1], ""]
    summary = ["| dataset | tool | precision | recall | F1 (overlap) | F1 (exact) |", "|---|---|---:|---:|---:|---:|"]
    for name, paths in sets:
        dataset, strata_path = paths.split(":", 1)
        gold = load(dataset)
        strata = {d["id"]: d["entities"] for d in load(strata_path)}
        raw = {}
        for doc in gold:
            res = engine.analyze(text=doc["text"], language="en", entities=entities, score_threshold=0.0)
            raw[doc["id"]] = [{"type": PRESIDIO_TO_LABEL[r.entity_type], "start": r.start, "end": r.end, "score": r.score} for r in res]
        variants = [("Strata", strata), ("Presidio (default threshold 0)", raw),
                    ("Presidio (threshold 0.5)", {k: [e for e in v if e["score"] >= 0.5] for k, v in raw.items()})]
        lines += ["## %s: `%s` (%d documents, %d entities)" % (name, dataset.split("/")[-1], len(gold), sum(len(d["entities"]) for d in gold)), ""]
        for tool, preds in variants:
            overlap = table(score(gold, preds))[-1]
            exact = table(score(gold, preds, exact=True))[-1]
            summary.append("| %s | %s | %.3f | %.3f | %.3f | %.3f |" % (name, tool, overlap[4], overlap[5], overlap[6], exact[6]))
            if tool != "Presidio (threshold 0.5)":
                per_type_table(lines, tool + ", overlap match", score(gold, preds))
    prompt = open(prompt_path, encoding="utf-8").read()
    for _ in range(10):
        engine.analyze(text=prompt, language="en", entities=entities)
    samples = []
    for _ in range(100):
        t0 = time.perf_counter()
        engine.analyze(text=prompt, language="en", entities=entities)
        samples.append((time.perf_counter() - t0) * 1e6)
    samples.sort()
    p50, p99 = samples[len(samples) // 2], samples[int(len(samples) * 0.99)]
    lines = lines[:3] + ["", "## Summary", ""] + summary + ["",
             "Presidio latency on `prompt_2kb.txt` (%d bytes, the same 8 entity types, 100 runs): p50 %.0f µs, p99 %.0f µs."
             % (len(prompt.encode()), p50, p99)] + lines[3:]
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
