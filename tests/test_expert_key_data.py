"""The seed's expert key files point at real sentences and use the schemes' labels."""

import csv

from conftest import SEED_FOLDER

import kit

CLAIM_LABELS = set(kit.load_scheme("claims").ids)
TECHNIQUE_LABELS = set(kit.load_scheme("techniques").ids)


def read_rows(name):
    with open(SEED_FOLDER / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def sentence_texts():
    sentences = kit.load(SEED_FOLDER).sentences
    return dict(zip(sentences.sentence_id, sentences.text, strict=True))


def test_every_sentence_has_one_claim_label_with_a_rationale():
    texts = sentence_texts()
    rows = read_rows("key_claims.csv")
    assert [int(row["sentence_id"]) for row in rows] == sorted(texts)
    for row in rows:
        sentence = texts[int(row["sentence_id"])]
        assert sentence.startswith(row["opening"]), row
        assert row["label"] in CLAIM_LABELS
        alternatives = {a for a in row["alternatives"].split(";") if a}
        assert alternatives <= CLAIM_LABELS - {row["label"]}
        assert len(row["rationale"]) > 20


def test_the_misattributed_quote_is_a_fact_claim_whose_attribution_fails():
    rows = {int(row["sentence_id"]): row for row in read_rows("key_claims.csv")}
    quote_sentence = next(
        sid for sid, text in sentence_texts().items() if "responsible U.N. member" in text
    )
    assert rows[quote_sentence]["label"] == "fact"
    assert "explanation of vote" in rows[quote_sentence]["rationale"]


def test_technique_phrases_occur_once_in_their_sentence():
    texts = sentence_texts()
    rows = read_rows("key_techniques.csv")
    assert rows
    for row in rows:
        assert row["label"] in TECHNIQUE_LABELS, row
        assert texts[int(row["sentence_id"])].count(row["phrase"]) == 1, row
