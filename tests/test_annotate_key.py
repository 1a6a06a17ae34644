"""The expert key loader checks the key against its text; the synthetic class is marked as such."""

import pytest
from conftest import ARTICLES, SEED

import kit

KEY_HEAD = "sentence_id,opening,label,alternatives,rationale\n"
SPAN_HEAD = "sentence_id,label,phrase,rationale\n"
TEXT = "Veto\n\nRussia vetoed the draft. It was wrong. It may have feared the panel, the panel.\n"


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "veto"
    target.mkdir()
    (target / "text.txt").write_text(TEXT, encoding="utf-8")
    return target


def write_key(folder, content, name="key_claims.csv"):
    (folder / name).write_text(content, encoding="utf-8")
    return kit.load(folder)


def test_the_key_is_a_labels_table_with_alternatives_and_rationale(folder):
    doc = write_key(
        folder,
        KEY_HEAD + "1,Russia vetoed,fact,,On the record.\n"
        "2,It was,opinion,,A judgement.\n"
        '3,It may have,speculation,opinion; mixed,"A guess, hedged."\n',
    )
    key = kit.expert_key(doc)
    assert list(key.columns[:7]) == [
        "annotator",
        "sentence_id",
        "label",
        "note",
        "start",
        "end",
        "phrase",
    ]
    assert set(key.annotator) == {"expert"}
    assert key.label.tolist() == ["fact", "opinion", "speculation"]
    assert key.alternatives.tolist() == [[], [], ["opinion", "mixed"]]
    assert key.rationale.iloc[2] == "A guess, hedged."
    for row in key.itertuples():
        assert doc.text[row.start : row.end] == row.phrase


def test_the_seeds_keys_load_and_cover_every_sentence():
    doc = kit.load(SEED)
    claims = kit.expert_key(doc)
    assert claims.sentence_id.tolist() == list(range(1, 23))
    assert claims.rationale.str.len().min() > 20
    techniques = kit.expert_key(doc, scheme="techniques")
    assert len(techniques) >= 6
    for row in techniques.itertuples():
        assert doc.text[row.start : row.end] == row.phrase


def test_a_text_without_a_key_says_so():
    doc = kit.load(ARTICLES / "oakridge-library-oped")
    with pytest.raises(kit.NoExpertKeyError, match="no expert key for this text"):
        kit.expert_key(doc)
    pasted = kit.Document.from_string(TEXT)
    with pytest.raises(kit.NoExpertKeyError):
        kit.expert_key(pasted, scheme="techniques")


def test_a_key_whose_opening_does_not_match_is_refused(folder):
    doc = write_key(folder, KEY_HEAD + "1,Russia vetoed,fact,,x\n2,It may have,opinion,,x\n")
    with pytest.raises(kit.ExpertKeyError, match=r"line 3: sentence 2 begins 'It was wrong\.'"):
        kit.expert_key(doc)


def test_an_opening_with_straight_quotes_matches_curly_ones(tmp_path):
    target = tmp_path / "q"
    target.mkdir()
    (target / "text.txt").write_text("Veto\n\nMoscow’s move was  bold.\n", encoding="utf-8")
    (target / "key_claims.csv").write_text(KEY_HEAD + "1,Moscow's move was bold,opinion,,x\n")
    assert kit.expert_key(kit.load(target)).label.tolist() == ["opinion"]


@pytest.mark.parametrize(
    "rows, message",
    [
        ("9,Russia,fact,,x\n", "there is no sentence 9"),
        ("one,Russia,fact,,x\n", "not a whole number"),
        ("1,Russia,fakt,,x\n", "not a label"),
        ("1,Russia,fact,opinon,x\n", "not a label"),
        ("1,Russia,fact,,x\n1,Russia,opinion,,x\n", "in the key twice"),
    ],
)
def test_a_key_row_that_does_not_fit_is_refused(folder, rows, message):
    doc = write_key(folder, KEY_HEAD + rows)
    with pytest.raises(kit.ExpertKeyError, match=message):
        kit.expert_key(doc)


def test_a_key_with_missing_columns_is_refused(folder):
    doc = write_key(folder, "sentence_id,label\n1,fact\n")
    with pytest.raises(kit.ExpertKeyError, match="lacks the column"):
        kit.expert_key(doc)


def test_technique_phrases_must_occur_once_in_their_sentence(folder):
    doc = write_key(folder, SPAN_HEAD + "3,doubt,may have feared,x\n", "key_techniques.csv")
    (row,) = kit.expert_key(doc, "techniques").itertuples()
    assert row.phrase == "may have feared"
    write_key(folder, SPAN_HEAD + "3,doubt,the panel,x\n", "key_techniques.csv")
    with pytest.raises(kit.ExpertKeyError, match="appears 2 times in sentence 3"):
        kit.expert_key(doc, "techniques")
    write_key(folder, SPAN_HEAD + "2,doubt,the panel,x\n", "key_techniques.csv")
    with pytest.raises(kit.ExpertKeyError, match="is not in sentence 2"):
        kit.expert_key(doc, "techniques")


def test_my_labels_compare_with_the_seeds_key(tmp_path):
    doc = kit.load(SEED)
    key = kit.expert_key(doc)
    annotator = kit.Annotator(doc, path=tmp_path / "a.json")
    for row in key.itertuples():
        annotator.set(row.sentence_id, row.label)
    result = kit.compare(annotator.labels, key)
    assert result.accuracy == 1 and result.kappa == pytest.approx(1)
    annotator.set(1, "opinion")  # an accepted alternative for sentence 1
    annotator.set(2, "fact")  # not accepted
    result = kit.compare(annotator.labels, key)
    assert result.table.set_index("sentence_id").agree[[1, 2]].tolist() == [True, False]
    assert result.accuracy == pytest.approx(21 / 22)


# -- the synthetic class ---------------------------------------------------


def test_the_synthetic_class_is_marked_and_reproducible():
    doc = kit.load(SEED)
    first = kit.synthetic_class(doc, n=8, seed=3)
    assert first.attrs["synthetic"] is True
    assert sorted(first.annotator.unique()) == [f"synthetic-{i:02d}" for i in range(1, 9)]
    assert len(first) == 8 * 22
    assert first.equals(kit.synthetic_class(doc, n=8, seed=3))
    assert not first.equals(kit.synthetic_class(doc, n=8, seed=4))
    assert set(first.label) <= set(kit.load_scheme("claims").ids)


def test_the_synthetic_class_agrees_with_the_key_more_than_chance_but_not_always():
    doc = kit.load(SEED)
    key = kit.expert_key(doc)
    made_up = kit.synthetic_class(doc, n=20, seed=0)
    result = kit.agreement(made_up)
    assert 0.2 < result.alpha < 0.9
    accuracies = [
        kit.compare(made_up[made_up.annotator == name], key).accuracy
        for name in made_up.annotator.unique()
    ]
    assert 0.5 < sum(accuracies) / len(accuracies) < 0.98


def test_a_synthetic_class_of_technique_marks():
    doc = kit.load(SEED)
    made_up = kit.synthetic_class(doc, n=5, seed=1, scheme="techniques")
    assert set(made_up.phrase) <= set(kit.expert_key(doc, "techniques").phrase)
    assert kit.agreement(made_up).sets


def test_the_synthetic_class_needs_a_key_and_a_sensible_size():
    with pytest.raises(kit.NoExpertKeyError):
        kit.synthetic_class(kit.load(ARTICLES / "oakridge-library-oped"))
    with pytest.raises(kit.ArgumentError, match="from 2 to 500"):
        kit.synthetic_class(kit.load(SEED), n=1)
