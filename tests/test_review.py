"""kit.review on a generated class of 30 with 3 broken files: its numbers, checked independently."""

import math
from collections import Counter

import pytest
from conftest import ARTICLES, SEED
from review_class import ODD_NAME, STUDENTS, key_from_csv, make_class, save_labels

import kit


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    root = tmp_path_factory.mktemp("class") / "submissions"
    labels = make_class(root)
    return root, labels, kit.review(root)


def test_every_good_student_is_read_and_the_broken_ones_are_not(made):
    _, labels, result = made
    assert result.students == STUDENTS
    assert sorted(result.by_student.student) == sorted(labels.annotator.unique())
    assert result.doc.slug == SEED and result.scheme == "claims"
    assert len(result.labels) == len(labels)


def test_alpha_is_kit_agreement_on_the_same_labels(made):
    _, labels, result = made
    expected = kit.agreement(labels)
    assert result.alpha == pytest.approx(expected.alpha, abs=1e-12)
    assert result.class_agreement.alpha.item() == pytest.approx(expected.alpha, abs=1e-12)
    assert result.class_agreement.fleiss_kappa.item() == pytest.approx(expected.fleiss_kappa)
    assert result.class_agreement.students.item() == STUDENTS
    assert 0 < result.alpha < 1  # a noisy class: neither chance nor unanimity


def test_the_reading_puts_alpha_in_words_with_krippendorffs_thresholds(made):
    _, _, result = made
    assert f"{result.alpha:.2f}" in result.reading
    word = (
        "strongly" if result.alpha >= 0.8 else "moderately" if result.alpha >= 0.667 else "weakly"
    )
    assert f"The class agreed {word}" in result.reading
    assert "0.667" in result.reading
    assert result.reading in result.summary()


def test_label_shares_per_sentence_are_the_counted_shares(made):
    _, labels, result = made
    shares = result.shares.set_index("sentence_id")
    assert sorted(shares.index) == list(range(1, 23))
    for sentence_id, part in labels.groupby("sentence_id"):
        counts = Counter(part.label)
        for label in kit.load_scheme("claims").ids:
            assert shares.loc[sentence_id, label] == pytest.approx(counts[label] / len(part)), (
                sentence_id,
                label,
            )
        assert shares.loc[sentence_id, "top_share"] == pytest.approx(
            max(counts.values()) / len(part)
        )
    # most disputed first
    assert list(result.shares.top_share) == sorted(result.shares.top_share)


def test_disputed_sentences_carry_the_experts_label_and_rationale(made):
    _, _, result = made
    key = key_from_csv()
    assert len(result.disputed) == 5
    assert list(result.disputed.sentence_id) == list(result.shares.sentence_id[:5])
    raw = kit.expert_key(SEED).set_index("sentence_id")
    for row in result.disputed.itertuples():
        assert row.expert in key[row.sentence_id]
        assert row.expert == raw.loc[row.sentence_id, "label"]
        assert row.rationale == raw.loc[row.sentence_id, "rationale"] and row.rationale
        assert (
            row.sentence == kit.load(SEED).sentences.set_index("sentence_id").text[row.sentence_id]
        )


def test_each_students_agreement_with_the_expert_is_counted_independently(made):
    _, labels, result = made
    key = key_from_csv()
    table = result.by_student.set_index("student")
    for student, part in labels.groupby("annotator"):
        matches = sum(
            label in key[sid] for sid, label in zip(part.sentence_id, part.label, strict=True)
        )
        assert table.loc[student, "labelled"] == len(part)
        assert table.loc[student, "matching_expert"] == matches
        assert table.loc[student, "agreement_with_expert"] == pytest.approx(matches / len(part))
    one = labels[labels.annotator == "student05"]
    assert kit.compare(one, kit.expert_key(SEED)).accuracy == pytest.approx(
        table.loc["student05", "agreement_with_expert"]
    )
    assert table.loc["student01", "name_in_file"] == ODD_NAME
    assert table.agreement_with_expert.nunique() > 3  # students really differ


def test_the_three_broken_files_are_listed_not_fatal(made):
    _, _, result = made
    problems = result.problems.set_index("student")
    assert problems.loc["truncated", "problem"] == "broken"
    assert problems.loc["truncated", "file"] == f"truncated/{SEED}.claims.json"
    assert problems.loc["othertext", "problem"] == "other text"
    assert "oakridge-library-oped" in problems.loc["othertext", "detail"]
    assert problems.loc["notkit", "problem"] == "not a kit file"
    assert not problems.counted.any()
    assert len(result.problems) == 3
    assert "3 students' work could not be used (" in result.summary()


def test_files_for_several_texts_are_said_clearly(made):
    _, _, result = made
    assert "2 texts" in result.text_note
    assert "'yomiuri-2024-04-06' (30 files)" in result.text_note
    assert "'oakridge-library-oped' (1 file)" in result.text_note
    assert "--text" in result.text_note and result.text_note in result.summary()


def test_naming_the_other_text_reviews_that_one(made):
    root, _, _ = made
    other = kit.review(root, text=ARTICLES / "oakridge-library-oped")
    assert other.students == 1 and other.doc.slug == "oakridge-library-oped"
    assert math.isnan(other.alpha) and "not defined" in other.reading
    assert "only one student" in other.reading
    assert (other.problems.problem == "other text").sum() == STUDENTS
    assert not other.has_key and "no expert key" in other.key_note


def test_a_tie_between_texts_asks_for_text(tmp_path):
    doc, other = kit.load(SEED), kit.load(ARTICLES / "oakridge-library-oped")
    for name, text in (("a", doc), ("b", other)):
        first = text.sentences.iloc[0]
        row = {"sentence_id": 1, "label": "fact", "note": "", "start": int(first.start)}
        row.update(end=int(first.end), phrase=first.text)
        save_labels(tmp_path / "subs" / name / "x.claims.json", text, name, [row])
    with pytest.raises(kit.ReviewError, match=r"several texts, equally often.*--text"):
        kit.review(tmp_path / "subs")


def test_a_text_without_an_expert_key_still_gets_the_rest(tmp_path):
    doc = kit.load(ARTICLES / "oakridge-library-oped")
    sentences = doc.sentences
    picks = {"ana": "fact", "ben": "opinion", "cy": "fact", "dee": "fact"}
    for name, second in picks.items():
        rows = [
            {
                "sentence_id": int(s.sentence_id),
                "label": second if s.sentence_id == 2 else "opinion",
                "note": "",
                "start": int(s.start),
                "end": int(s.end),
                "phrase": s.text,
            }
            for s in sentences.itertuples()
        ]
        save_labels(tmp_path / "subs" / name / "o.claims.json", doc, name, rows)
    with pytest.raises(kit.ReviewError, match=r"not among the kit's texts.*--text"):
        kit.review(tmp_path / "subs")
    result = kit.review(tmp_path / "subs", text=ARTICLES / "oakridge-library-oped")
    assert not result.has_key and "no expert key" in result.key_note
    assert "No comparison with an expert" in result.summary()
    assert "agreement_with_expert" not in result.by_student.columns
    assert result.by_student.labelled.tolist() == [len(sentences)] * 4
    top = result.disputed.iloc[0]
    assert top.sentence_id == 2 and top.top_label == "fact" and top.top_share == 0.75
    expected = kit.agreement(result.labels)
    assert result.alpha == pytest.approx(expected.alpha)
    index = result.write(tmp_path / "report")
    page = index.read_text(encoding="utf-8")
    assert "There is no expert key" in page and "sentence_strip.svg" in page


def test_an_empty_folder_says_what_to_do(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(kit.ReviewError, match=r"holds no student's work.*sub-folder per student"):
        kit.review(tmp_path / "empty")
    with pytest.raises(kit.ReviewError, match="does not exist"):
        kit.review(tmp_path / "nowhere")


def test_students_with_no_readable_file_say_what_to_do(tmp_path):
    (tmp_path / "subs" / "ana").mkdir(parents=True)
    (tmp_path / "subs" / "ana" / "ex01.ipynb").write_text("{}")
    (tmp_path / "subs" / "ben").mkdir()
    (tmp_path / "subs" / "ben" / "y.claims.json").write_text(
        '{"format": "media-literacy-kit/annotations", "version": 1, "te'
    )
    with pytest.raises(kit.ReviewError, match="Name the text") as error:
        kit.review(tmp_path / "subs")
    assert "kit review SUBMISSIONS --text" in str(error.value)
    with pytest.raises(kit.ReviewError, match="No student's labels") as error:
        kit.review(tmp_path / "subs", text=SEED)
    assert "ana: missing" in str(error.value) and "ben: broken" in str(error.value)


def test_older_copies_and_other_schemes_are_listed(tmp_path):
    doc = kit.load(SEED)
    key = kit.expert_key(doc)
    old = key.assign(label="fact")
    save_labels(tmp_path / "subs" / "ana" / "old.claims.json", doc, "ana", old)
    save_labels(tmp_path / "subs" / "ana" / "new.claims.json", doc, "ana", key)
    save_labels(tmp_path / "subs" / "ben" / "b.claims.json", doc, "ben", old)
    technique = kit.expert_key(doc, "techniques").head(2)
    save_labels(
        tmp_path / "subs" / "ben" / "b.techniques.json", doc, "ben", technique, "techniques"
    )
    result = kit.review(tmp_path / "subs")
    table = result.by_student.set_index("student")
    assert table.loc["ana", "file"] == "ana/new.claims.json"
    assert table.loc["ana", "agreement_with_expert"] == 1.0
    problems = result.problems.set_index("file")
    assert problems.loc["ana/old.claims.json", "problem"] == "older copy"
    assert problems.loc["ben/b.techniques.json", "problem"] == "other scheme"


def test_wrong_arguments_say_what_to_pass(tmp_path):
    with pytest.raises(kit.ArgumentError, match="submissions folder's path"):
        kit.review(42)
    with pytest.raises(kit.ReviewError, match="marks phrases"):
        kit.review(tmp_path, scheme="techniques")
    with pytest.raises(kit.ArgumentError, match="disputed="):
        kit.review(tmp_path, disputed=0)


def _three_students(root, doc, save=save_labels):
    key = kit.expert_key(doc)
    wrong = key.assign(label=["fact"] * len(key))
    for name, table in (("ana", key), ("ben", wrong), ("cy", key)):
        save(root / name / f"{SEED}.claims.json", doc, name, table)
    return key, wrong


def test_an_lms_zip_is_read_like_the_folder(made, tmp_path):
    import shutil

    root, _, result = made
    archive = shutil.make_archive(str(tmp_path / "class"), "zip", root)
    zipped = kit.review(archive)
    assert zipped.alpha == pytest.approx(result.alpha)
    assert zipped.by_student.equals(result.by_student)
    assert sorted(zipped.problems.problem) == sorted(result.problems.problem)


def test_an_export_is_read_for_a_student_without_a_kit_file(tmp_path):
    doc = kit.load(SEED)
    _three_students(tmp_path / "subs", doc)
    cy = tmp_path / "subs" / "cy"
    annotator = kit.Annotator(doc, path=cy / f"{SEED}.claims.json")
    annotator.to_csv(cy / "cy_labels.csv")
    (cy / f"{SEED}.claims.json").unlink()
    result = kit.review(tmp_path / "subs")
    table = result.by_student.set_index("student")
    assert table.loc["cy", "file"] == "cy/cy_labels.csv"
    assert table.loc["cy", "labelled"] == 22 and table.loc["cy", "agreement_with_expert"] == 1.0
    note = result.problems.set_index("student").loc["cy"]
    assert note.problem == "note" and note.counted and "export" in note.detail


def test_files_saved_for_an_earlier_version_are_placed_by_their_words(tmp_path):
    doc = kit.load(SEED)
    first = doc.sentences.text.iloc[0]
    # the earlier version had one more sentence at the start: every later one moved by one
    earlier = kit.Document.from_string(doc.text.replace(first, first + " Indeed."), slug=SEED)
    assert len(earlier.sentences) == len(doc.sentences) + 1
    sentence = earlier.sentences.iloc[4]  # sentence 5 then, sentence 4 now
    assert sentence.text == doc.sentences.text.iloc[3]
    for name in ("ana", "ben"):
        row = {"sentence_id": 5, "label": "fact", "note": "", "phrase": sentence.text}
        row.update(start=int(sentence.start), end=int(sentence.end))
        save_labels(tmp_path / "subs" / name / "e.claims.json", earlier, name, [row])
    result = kit.review(tmp_path / "subs")
    assert result.doc.text == doc.text
    assert result.labels.sentence_id.tolist() == [4, 4]
    start, end = result.labels.start.iloc[0], result.labels.end.iloc[0]
    assert doc.text[start:end] == doc.sentences.text.iloc[3]
    assert set(result.problems.problem) == {"note", "incomplete"}  # 1 of 22 labelled
    assert result.problems.counted.all()
    notes = result.problems[result.problems.problem == "note"]
    assert "earlier version" in notes.detail.iloc[0]


def test_in_a_notebook_the_review_shows_its_summary_and_tables(made):
    _, _, result = made
    shown = result._repr_html_()
    assert shown.startswith("<p>") and "Most disputed sentences" in shown
    assert repr(result) == result.summary()
    assert "&lt;img src=x" in shown and "<img src=x" not in shown


def _with_a_partial_student(root, doc):
    """ana labels every sentence like the expert, ben all but 4, hedy only 1-10 (9 match)."""
    key = kit.expert_key(doc)
    ben = key.copy()
    ben.loc[ben.index[:4], "label"] = "fact"  # sentences 1-4: check below that they miss
    hedy = key.head(10).copy()
    hedy.loc[hedy.index[0], "label"] = "prediction"
    for name, table in (("ana", key), ("ben", ben), ("hedy", hedy)):
        save_labels(root / name / f"{SEED}.claims.json", doc, name, table)
    return key, ben, hedy


def test_a_student_who_labelled_part_of_the_text_is_not_ranked_above_the_rest(tmp_path):
    doc = kit.load(SEED)
    _, ben, _ = _with_a_partial_student(tmp_path / "subs", doc)
    accepted = key_from_csv()
    ben_matches = sum(lab in accepted[s] for s, lab in zip(ben.sentence_id, ben.label, strict=True))
    assert ben_matches < 22
    result = kit.review(tmp_path / "subs")
    table = result.by_student.set_index("student")
    assert table.loc["hedy", "labelled"] == 10 and table.loc["hedy", "sentences"] == 22
    assert table.loc["hedy", "matching_expert"] == 9
    # over the whole text: an unlabelled sentence does not match the expert
    assert table.loc["hedy", "agreement_with_expert"] == pytest.approx(9 / 22)
    assert table.loc["hedy", "agreement_where_labelled"] == pytest.approx(9 / 10)
    assert table.loc["ben", "agreement_with_expert"] == pytest.approx(ben_matches / 22)
    assert table.loc["hedy", "agreement_with_expert"] < table.loc["ben", "agreement_with_expert"]
    assert table.complete.to_dict() == {"ana": True, "ben": True, "hedy": False}
    flagged = result.problems.set_index("student").loc["hedy"]
    assert flagged.problem == "incomplete" and bool(flagged.counted)
    assert "10 of the 22 sentences" in flagged.detail
    summary = result.summary()
    assert "hedy" in summary and "10 of 22" in summary
    assert "could not be used" not in summary  # hedy's labels were used


def test_a_partial_student_is_flagged_without_an_expert_key_too(tmp_path):
    doc = kit.load(ARTICLES / "oakridge-library-oped")
    sentences = doc.sentences
    for name, count in (("ana", len(sentences)), ("ben", len(sentences)), ("cy", 2)):
        rows = [
            {
                "sentence_id": int(s.sentence_id),
                "label": "opinion",
                "note": "",
                "start": int(s.start),
                "end": int(s.end),
                "phrase": s.text,
            }
            for s in sentences.head(count).itertuples()
        ]
        save_labels(tmp_path / "subs" / name / "o.claims.json", doc, name, rows)
    result = kit.review(tmp_path / "subs", text=ARTICLES / "oakridge-library-oped")
    table = result.by_student.set_index("student")
    assert table.complete.to_dict() == {"ana": True, "ben": True, "cy": False}
    assert table.loc["cy", "sentences"] == len(sentences)
    assert result.problems.set_index("student").loc["cy", "problem"] == "incomplete"


def test_the_summary_counts_files_set_aside_apart_from_students_left_out(tmp_path):
    doc = kit.load(SEED)
    key = kit.expert_key(doc)
    save_labels(tmp_path / "subs" / "ana" / "old.claims.json", doc, "ana", key.assign(label="fact"))
    save_labels(tmp_path / "subs" / "ana" / "new.claims.json", doc, "ana", key)
    save_labels(tmp_path / "subs" / "ben" / "b.claims.json", doc, "ben", key)
    (tmp_path / "subs" / "cy").mkdir()
    summary = kit.review(tmp_path / "subs").summary()
    assert "1 student's work could not be used (cy: missing)" in summary
    assert "1 older copy set aside" in summary


def test_several_labels_on_one_sentence_never_count_twice(tmp_path):
    doc = kit.load(SEED)
    key = kit.expert_key(doc)
    save_labels(tmp_path / "subs" / "ana" / "a.claims.json", doc, "ana", key)
    # a hand-edited file: sentences 1-3 given every label, sentence 4 twice the same
    rows = key.to_dict("records")
    for label in kit.load_scheme("claims").ids:
        rows += key.head(3).assign(label=label).to_dict("records")
    rows.append(key.to_dict("records")[3])
    save_labels(tmp_path / "subs" / "max" / "m.claims.json", doc, "max", rows)
    result = kit.review(tmp_path / "subs")
    table = result.by_student.set_index("student")
    # sentences 1-3 hold no single answer: not labelled, not matching; sentence 4 counts once
    assert table.loc["max", "labelled"] == 19 and not table.loc["max", "complete"]
    assert table.loc["max", "matching_expert"] == 19
    assert table.loc["max", "agreement_with_expert"] == pytest.approx(19 / 22)
    problems = result.problems[result.problems.student == "max"].set_index("problem")
    assert "sentences 1, 2, 3" in problems.loc["several labels", "detail"]
    assert bool(problems.loc["several labels", "counted"])
    assert result.shares.annotators.max() <= 2  # max counts once per sentence in the shares
    assert len(result.labels[result.labels.annotator == "max"]) == 19


def test_a_negative_alpha_is_read_as_systematic_disagreement():
    from kit.review.wording import reading

    words = reading(-0.11)
    assert words.startswith("The class disagreed more than chance")
    assert "no better than chance" not in words
    assert reading(0.0).startswith("The class agreed no better than chance")
