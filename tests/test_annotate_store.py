"""Nothing is lost: every change is saved at once and whole; a foreign file is never overwritten."""

import json
import os
import subprocess
import sys
import textwrap

import pytest
from conftest import REPO, SEED

import kit
from kit.annotate import store


@pytest.fixture(scope="module")
def doc():
    return kit.load(SEED)


def saved(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_change_is_saved_at_once(doc, tmp_path):
    path = tmp_path / "mine.json"
    annotator = kit.Annotator(doc, path=path, annotator="Ana")
    assert saved(path)["labels"] == []  # the file exists from the start
    annotator.set(4, "fact", note="resolution 1874")
    record = saved(path)
    assert [(e["sentence_id"], e["label"], e["note"]) for e in record["labels"]] == [
        (4, "fact", "resolution 1874")
    ]
    annotator.set(4, "mixed")
    assert [e["label"] for e in saved(path)["labels"]] == ["mixed"]
    annotator.clear(4)
    assert saved(path)["labels"] == []


def test_the_file_records_format_text_scheme_and_annotator(doc, tmp_path):
    path = tmp_path / "mine.json"
    kit.Annotator(doc, path=path, annotator="Ana").set(1, "opinion")
    record = saved(path)
    assert record["format"] == "media-literacy-kit/annotations"
    assert record["version"] == 1
    assert record["text"]["slug"] == SEED
    assert record["text"]["hash"] == store.text_hash(doc.text)
    assert record["scheme"]["name"] == "claims"
    assert record["annotator"] == "Ana"
    (entry,) = record["labels"]
    assert doc.text[entry["start"] : entry["end"]] == entry["phrase"]


def test_a_new_annotator_on_the_same_path_resumes(doc, tmp_path):
    path = tmp_path / "mine.json"
    first = kit.Annotator(doc, path=path, annotator="Ana")
    first.set(1, "opinion", note="a judgement")
    first.set(2, "opinion")
    again = kit.Annotator(doc, path=path)
    assert again.annotator == "Ana"
    assert again.labels.equals(first.labels)
    assert again.progress == "2 of 22 labelled"
    again.set(3, "prediction")
    assert len(kit.Annotator(doc, path=path).labels) == 3


def test_the_default_path_is_beside_the_notebook(doc, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    kit.Annotator(doc).set(1, "fact")
    kit.Annotator(doc, scheme="techniques").mark(1, "a dangerous act", "loaded_language")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"{SEED}.claims.json",
        f"{SEED}.techniques.json",
    ]


def test_a_folder_as_path_gets_the_default_name(doc, tmp_path):
    annotator = kit.Annotator(doc, path=tmp_path)
    assert annotator.path == tmp_path / f"{SEED}.claims.json"


def test_a_missing_folder_is_reported(doc, tmp_path):
    with pytest.raises(kit.AnnotationFileError, match="does not exist"):
        kit.Annotator(doc, path=tmp_path / "nowhere" / "x.json")


def test_two_annotators_on_one_file_keep_each_others_changes(doc, tmp_path):
    """A student re-runs the cell: the old app and the new one share the file."""
    path = tmp_path / "mine.json"
    old = kit.Annotator(doc, path=path)
    new = kit.Annotator(doc, path=path)
    new.set(1, "opinion")
    old.set(2, "fact")
    assert kit.Annotator(doc, path=path).labels.sentence_id.tolist() == [1, 2]


def test_a_save_that_fails_before_the_rename_leaves_the_old_file_whole(doc, tmp_path, monkeypatch):
    path = tmp_path / "mine.json"
    annotator = kit.Annotator(doc, path=path)
    annotator.set(1, "opinion")
    before = path.read_bytes()

    def broken_replace(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.os, "replace", broken_replace)
    with pytest.raises(kit.AnnotationFileError, match="No space left"):
        annotator.set(2, "fact")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["mine.json"]  # no temporary file left


def test_a_save_that_fails_mid_write_leaves_the_old_file_whole(doc, tmp_path, monkeypatch):
    path = tmp_path / "mine.json"
    annotator = kit.Annotator(doc, path=path)
    annotator.set(1, "opinion")
    before = path.read_bytes()
    real_fsync = os.fsync

    def fail(descriptor):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(store.os, "fsync", fail)
    with pytest.raises(kit.AnnotationFileError):
        annotator.set(2, "fact")
    monkeypatch.setattr(store.os, "fsync", real_fsync)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["mine.json"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs POSIX signals")
@pytest.mark.parametrize("moment", ["mid-write", "before-rename"])
def test_a_process_killed_while_saving_leaves_the_old_file_whole(tmp_path, moment):
    """The real crash: the kernel dies (SIGKILL) in the middle of a save."""
    path = tmp_path / "mine.json"
    code = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {str(REPO)!r})
        import kit
        from kit.annotate import store
        doc = kit.load({SEED!r})
        annotator = kit.Annotator(doc, path={str(path)!r})
        annotator.set(1, "opinion")
        moment = {moment!r}
        if moment == "mid-write":
            real_fdopen = os.fdopen
            class HalfWriter:
                def __init__(self, handle): self.handle = handle
                def __enter__(self): return self
                def __exit__(self, *exc): return False
                def write(self, text):
                    self.handle.write(text[: len(text) // 2]); self.handle.flush()
                    os.kill(os.getpid(), signal.SIGKILL)
            store.os.fdopen = lambda *a, **k: HalfWriter(real_fdopen(*a, **k))
        else:
            store.os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)
        annotator.set(2, "fact")
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == -9, result.stderr
    record = saved(path)  # still valid JSON: the old file, whole
    assert [(e["sentence_id"], e["label"]) for e in record["labels"]] == [(1, "opinion")]
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "mine.json"]
    assert all(name.endswith(".saving") for name in leftovers)
    # A leftover temporary file does not stop the next session.
    assert kit.Annotator(kit.load(SEED), path=path).progress == "1 of 22 labelled"


def test_a_damaged_file_is_moved_aside_whole_and_the_student_told(doc, tmp_path):
    path = tmp_path / "mine.json"
    damaged = b'{"format": "media-literacy-kit/annotations", "version": 1, "labels": [{"sent'
    path.write_bytes(damaged)
    with pytest.warns(kit.KitWarning, match="moved it to .*mine.damaged-"):
        annotator = kit.Annotator(doc, path=path)
    (backup,) = tmp_path.glob("mine.damaged-*.json")
    assert backup.read_bytes() == damaged
    assert "mine.damaged-" in annotator.message
    assert saved(path)["labels"] == []  # a fresh file in its place
    annotator.set(1, "fact")
    assert backup.read_bytes() == damaged


def test_a_kit_file_with_broken_labels_counts_as_damaged(doc, tmp_path):
    path = tmp_path / "mine.json"
    kit.Annotator(doc, path=path).set(1, "fact")
    record = saved(path)
    record["labels"][0]["start"] = "ten"
    path.write_text(json.dumps(record), encoding="utf-8")
    with pytest.warns(kit.KitWarning, match="not a whole number"):
        kit.Annotator(doc, path=path)
    assert len(list(tmp_path.glob("mine.damaged-*.json"))) == 1


def test_another_programs_json_is_refused_and_kept(doc, tmp_path):
    path = tmp_path / "settings.json"
    content = b'{"theme": "dark", "fontSize": 14}'
    path.write_bytes(content)
    with pytest.raises(kit.AnnotationFileError, match="not one of the kit's annotation files"):
        kit.Annotator(doc, path=path)
    assert path.read_bytes() == content
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_labels_of_another_text_are_refused_and_kept(doc, tmp_path):
    path = tmp_path / "mine.json"
    other = kit.load(REPO / "tests" / "data" / "articles" / "oakridge-library-oped")
    kit.Annotator(other, path=path).set(1, "opinion")
    before = path.read_bytes()
    with pytest.raises(kit.AnnotationFileError, match=r"another text .*oakridge"):
        kit.Annotator(doc, path=path)
    assert path.read_bytes() == before


def test_labels_of_an_edited_text_are_refused_and_kept(tmp_path):
    path = tmp_path / "mine.json"
    first = kit.Document.from_string("Veto\n\nRussia vetoed. It was wrong.", slug="veto")
    kit.Annotator(first, path=path).set(1, "fact")
    before = path.read_bytes()
    edited = kit.Document.from_string("Veto\n\nRussia vetoed it. It was wrong.", slug="veto")
    with pytest.raises(kit.AnnotationFileError, match="text has changed"):
        kit.Annotator(edited, path=path)
    assert path.read_bytes() == before


def test_labels_of_another_scheme_are_refused(doc, tmp_path):
    path = tmp_path / "mine.json"
    kit.Annotator(doc, path=path).set(1, "fact")
    with pytest.raises(kit.AnnotationFileError, match="scheme='claims'"):
        kit.Annotator(doc, scheme="techniques", path=path)


def test_a_file_from_a_newer_kit_is_refused_and_kept(doc, tmp_path):
    path = tmp_path / "mine.json"
    kit.Annotator(doc, path=path).set(1, "fact")
    record = saved(path)
    record["version"] = 99
    path.write_text(json.dumps(record), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(kit.AnnotationFileError, match="newer version"):
        kit.Annotator(doc, path=path)
    assert path.read_bytes() == before


def test_a_file_damaged_while_the_app_is_open_is_set_aside(doc, tmp_path):
    path = tmp_path / "mine.json"
    annotator = kit.Annotator(doc, path=path)
    annotator.set(1, "fact")
    damaged = path.read_bytes()[:60]
    path.write_bytes(damaged)
    with pytest.warns(kit.KitWarning, match="moved it"):
        annotator.set(2, "opinion")
    (backup,) = tmp_path.glob("mine.damaged-*.json")
    assert backup.read_bytes() == damaged
    assert kit.Annotator(doc, path=path).labels.sentence_id.tolist() == [1, 2]


def test_a_file_replaced_by_another_while_the_app_is_open_is_not_overwritten(doc, tmp_path):
    path = tmp_path / "mine.json"
    annotator = kit.Annotator(doc, path=path)
    annotator.set(1, "fact")
    path.write_text("not json at all", encoding="utf-8")
    with pytest.raises(kit.AnnotationFileError, match="will not overwrite"):
        annotator.set(2, "opinion")
    assert path.read_text(encoding="utf-8") == "not json at all"
    assert annotator.labels.sentence_id.tolist() == [1]  # this session's work is still here


def test_saving_keeps_the_files_permissions(doc, tmp_path):
    path = tmp_path / "mine.json"
    annotator = kit.Annotator(doc, path=path)
    os.chmod(path, 0o640)
    annotator.set(1, "fact")
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_new_file_is_readable_like_any_other(doc, tmp_path):
    mask = os.umask(0o022)
    try:
        annotator = kit.Annotator(doc, path=tmp_path / "mine.json")
    finally:
        os.umask(mask)
    assert annotator.path.stat().st_mode & 0o777 == 0o644


def test_a_text_file_of_the_students_own_is_refused_and_kept(doc, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("My notes on the editorial: check the 2009 date.", encoding="utf-8")
    with pytest.raises(kit.AnnotationFileError, match="not one of the kit's annotation files"):
        kit.Annotator(doc, path=path)
    assert path.read_text(encoding="utf-8").startswith("My notes")
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_an_empty_file_is_set_aside(doc, tmp_path):
    path = tmp_path / "mine.json"
    path.write_bytes(b"")
    with pytest.warns(kit.KitWarning):
        annotator = kit.Annotator(doc, path=path)
    assert len(list(tmp_path.glob("mine.damaged-*.json"))) == 1
    assert annotator.progress == "0 of 22 labelled"


def test_labels_saved_by_a_kit_that_split_sentences_differently_move_and_are_kept(doc, tmp_path):
    """Same text, other sentence boundaries: labels follow their words; the old file is kept."""
    path = tmp_path / "mine.json"
    kit.Annotator(doc, path=path).set(1, "fact")
    record = saved(path)
    s = doc.sentences.set_index("sentence_id")
    joined = (int(s.start[4]), int(s.end[5]))  # an older kit saw sentences 4 and 5 as one
    record["labels"] = [
        {"sentence_id": 4, "label": "mixed", "note": "", "start": joined[0], "end": joined[1],
         "phrase": doc.text[joined[0] : joined[1]]},
        {"sentence_id": 5, "label": "prediction", "note": "n", "start": int(s.start[6]),
         "end": int(s.end[6]), "phrase": s.text[6]},
    ]  # fmt: skip
    path.write_text(json.dumps(record), encoding="utf-8")
    before = path.read_bytes()
    with pytest.warns(kit.KitWarning, match="splits the text into sentences differently"):
        annotator = kit.Annotator(doc, path=path)
    assert annotator.labels[["sentence_id", "label", "note"]].values.tolist() == [
        [4, "mixed", ""],
        [6, "prediction", "n"],
    ]
    assert annotator.labels.phrase.iloc[0] == s.text[4]
    (kept,) = tmp_path.glob("mine.before-resplit-*.json")
    assert kept.read_bytes() == before
