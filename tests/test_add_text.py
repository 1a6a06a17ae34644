"""`kit add-text`: an instructor's own article is checked, then added to the seeds.

The good article is fiction (tests/data/add_text/four-day-week-oped.txt): an op-ed
of ~520 words with hedges, boosters and attribution, hard-wrapped at ~95 columns.
Each bad article is that one spoiled the way a paste from a web page, a PDF or an
old word processor spoils it.
"""

import json
import shutil
import tempfile
import tomllib
from pathlib import Path

import pytest
from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kit
from kit.cli import main
from kit.intake.checks import MAX_WORDS, MIN_WORDS

GOOD_FILE = REPO / "tests" / "data" / "add_text" / "four-day-week-oped.txt"
GOOD = GOOD_FILE.read_text(encoding="utf-8")
SLUG = "brackenfield-standard-2025-10-14"
HEADLINE = GOOD.splitlines()[0]
SOURCE = GOOD.rstrip().splitlines()[-1]
LINES = GOOD.splitlines()


@pytest.fixture
def seeds(tmp_path, monkeypatch):
    """An empty seeds folder that kit.load and kit add-text use (KIT_SEEDS)."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    monkeypatch.setenv("KIT_SEEDS", str(folder))
    return folder


def write(tmp_path, content, name="article.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def errors_of(path, **options) -> list[str]:
    report = kit.check_text(path, **options)
    return [str(problem) for problem in report.errors]


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


# -- a good article -------------------------------------------------------------------


def test_a_good_article_is_added_with_its_words_unchanged(seeds):
    report = kit.add_text(GOOD_FILE)
    folder = seeds / SLUG
    assert report.ok and report.slug == SLUG and report.folder == folder
    written = (folder / "text.txt").read_bytes().decode("utf-8")
    assert "\r" not in written and written.endswith(")\n")
    assert written.split() == GOOD.split()  # not one word changed
    assert written.startswith(HEADLINE + "\n\n") and written.rstrip().endswith(SOURCE)
    # the hard-wrapped paragraphs are joined: 8 paragraphs, one line each
    assert len(written.strip().split("\n\n")) == 1 + 8 + 1
    meta = tomllib.loads((folder / "meta.toml").read_text(encoding="utf-8"))
    assert meta["outlet"] == "The Brackenfield Standard"
    assert meta["date"].isoformat() == "2025-10-14"
    assert meta["genre"] == "opinion" and "fair use" in meta["rights"]
    doc = kit.load(SLUG)
    assert (doc.headline, doc.outlet, doc.date.isoformat()) == (
        HEADLINE,
        "The Brackenfield Standard",
        "2025-10-14",
    )
    assert len(doc.paragraphs) == report.paragraphs == 8
    assert len(doc.words) == report.words == 523
    assert len(doc.sentences) == report.sentences
    assert SLUG in kit.texts()
    categories = set(kit.markers(doc).category)
    assert {"hedge", "booster", "attribution"} <= categories


def test_the_command_says_how_to_use_the_text_and_about_rights(seeds, capsys):
    assert main(["add-text", str(GOOD_FILE)]) == 0
    out = capsys.readouterr().out
    assert f'TEXT = "{SLUG}"' in out
    assert "Restart Kernel and Run All Cells" in out
    assert "source line" in out and "fair use" in out
    assert str(seeds / SLUG) in out
    assert "8 paragraphs" in out and "523 words" in out


def test_a_text_where_the_kit_finds_no_actor_says_how_to_add_them(seeds, capsys):
    assert main(["add-text", str(GOOD_FILE)]) == 0  # a local op-ed: no country, no UN body
    out = capsys.readouterr().out
    assert "actors: none found" in out and 'extra={"actor":' in out
    assert kit.actor_mentions(kit.load(SLUG)).empty  # what the note says is true
    international = kit.check_text(REPO / "seeds" / "yomiuri-2024-04-06")
    assert international.actors > 0 and "actors: none found" not in str(international)


@pytest.mark.parametrize(
    ("under", "line"),
    [
        ("\nBy Ann Lee\n\n", 2),
        ("\nA deck: the board votes on Thursday\n\n", 2),
        ("\u2028By Ann Lee\n\n", 1),
    ],
)
def test_a_line_right_under_the_headline_is_never_dropped(seeds, tmp_path, under, line):
    text = GOOD.replace(HEADLINE + "\n\n", HEADLINE + under, 1)
    report = kit.add_text(write(tmp_path, text))
    written = (report.folder / "text.txt").read_text(encoding="utf-8")
    assert written.split() == text.split()  # every word of the file is in the text
    doc = kit.load(report.folder)
    assert doc.headline == HEADLINE and len(doc.paragraphs) == report.paragraphs == 9
    (warning,) = [w for w in report.warnings if "the headline" in w.message]
    assert warning.line == line and "first paragraph" in warning.message


def test_windows_reserved_names_are_refused(seeds):
    for name in ("con", "aux", "nul", "prn", "com1", "lpt9"):
        with pytest.raises(kit.SlugError, match="Windows"):
            kit.add_text(GOOD_FILE, slug=name)
    assert list(seeds.iterdir()) == []


def test_bidirectional_controls_are_refused_naming_the_line(tmp_path):
    text = GOOD.replace("Brackenfield School Board", "Brackenfield \u202eSchool Board")
    (error,) = errors_of(write(tmp_path, text))
    assert error.startswith(f"line {line_of(text, chr(0x202E))}:") and "U+202E" in error


def test_check_only_writes_nothing(seeds, capsys):
    assert main(["add-text", "--check", str(GOOD_FILE)]) == 0
    assert list(seeds.iterdir()) == []
    assert "Nothing was written" in capsys.readouterr().out
    assert kit.add_text(GOOD_FILE, check=True).folder is None
    assert list(seeds.iterdir()) == []


def test_bom_and_windows_line_endings_give_the_same_text(seeds, tmp_path):
    plain = kit.add_text(write(tmp_path, GOOD, "plain.txt"), slug="plain-copy")
    windows = b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8")
    report = kit.add_text(write(tmp_path, windows, "windows.txt"), slug="windows-copy")
    assert report.ok and not report.warnings
    assert any("byte-order mark" in change for change in report.changes)
    assert (report.folder / "text.txt").read_bytes() == (plain.folder / "text.txt").read_bytes()


def test_a_windows_1252_file_is_converted_and_the_lines_to_check_are_listed(seeds, tmp_path):
    curly = GOOD.replace("Brackenfield's", "Brackenfield’s").replace('"would', "“would")
    report = kit.add_text(write(tmp_path, curly.encode("cp1252")), slug="from-windows")
    (warning,) = [w for w in report.warnings if "Windows-1252" in str(w)]
    assert warning.line == 1 and "line 1: ’" in warning.message
    assert (report.folder / "text.txt").read_text(encoding="utf-8").split() == curly.split()


def test_a_folder_with_its_own_meta_toml_keeps_it_and_its_name(seeds, tmp_path):
    folder = tmp_path / "school-week"
    folder.mkdir()
    (folder / "text.txt").write_text(GOOD, encoding="utf-8")
    (folder / "meta.toml").write_text('author = "A. Writer"\ngenre = "op-ed"\n', encoding="utf-8")
    report = kit.add_text(folder)
    assert report.slug == "school-week"
    assert kit.load("school-week").meta["author"] == "A. Writer"


# -- bad articles: every problem, its line and the fix ----------------------------------


def test_a_file_in_an_unreadable_encoding_is_refused(tmp_path):
    data = GOOD.encode("utf-8")[:200] + b"\x81\x8d\x90 broken \x9d" + GOOD.encode("cp1252")[200:]
    (error,) = errors_of(write(tmp_path, data))
    line = GOOD.encode("utf-8")[:200].count(b"\n") + 1
    assert error.startswith(f"line {line}: article.txt is not in the UTF-8 encoding")
    assert "Save As" in error and "UTF-8" in error


def test_mojibake_is_refused_with_each_line_and_repaired_on_request(seeds, tmp_path):
    curly = GOOD.replace("Brackenfield's", "Brackenfield’s").replace('"could', "“could")
    garbled = curly.encode("utf-8").decode("cp1252", errors="replace")
    path = write(tmp_path, garbled)
    errors = errors_of(path)
    assert errors == [
        "line 1: garbled characters (mojibake from a wrong encoding): 'â€™' → ’. Replace "
        "them (find and replace in your editor), copy the article again from the original, "
        "or run again with --repair to let the kit replace them.",
        f"line {line_of(curly, '“could')}: garbled characters (mojibake from a wrong "
        "encoding): 'â€œ' → “. Replace them (find and replace in your editor), copy the "
        "article again from the original, or run again with --repair to let the kit replace "
        "them.",
    ]
    report = kit.add_text(path, repair=True)
    assert (report.folder / "text.txt").read_text(encoding="utf-8").split() == curly.split()


def test_a_mac_file_is_refused_unless_repaired(seeds, tmp_path):
    curly = GOOD.replace("Brackenfield's", "Brackenfield’s").replace("teachers'", "teachers’")
    path = write(tmp_path, curly.encode("mac_roman"))
    (error,) = errors_of(path)
    assert error.startswith("line 1:") and "Mac Roman" in error and "--repair" in error
    report = kit.add_text(path, repair=True)
    assert (report.folder / "text.txt").read_text(encoding="utf-8").split() == curly.split()


def test_no_headline_is_refused(tmp_path):
    (error,) = errors_of(write(tmp_path, "\n".join(LINES[2:])))
    assert error.startswith('line 1: the first line "On Thursday evening')
    assert "runs on into line 2" in error
    assert "not a headline" in error and "Type the article's headline as the first line" in error
    one_line_paragraphs = kit.check_text(GOOD_FILE).text.split("\n", 2)[2]
    (error,) = errors_of(write(tmp_path, one_line_paragraphs))
    assert error.startswith("line 1: the first line has 64 words")
    assert "not a headline" in error and "Type the article's headline as the first line" in error


def test_the_whole_article_on_one_line_is_refused(tmp_path):
    (error,) = errors_of(write(tmp_path, " ".join(GOOD.split())))
    assert "on one line" in error and "Put the headline on its own first line" in error


def test_no_body_is_refused(tmp_path):
    (error,) = errors_of(write(tmp_path, f"{HEADLINE}\n\n{SOURCE}\n"))
    assert error.startswith("line 3:") and "no body paragraphs" in error
    assert "Put a blank line after the headline, then the article's paragraphs" in error


def test_no_source_line_is_refused(tmp_path):
    text = GOOD.rstrip().rsplit("\n", 1)[0]
    (error,) = errors_of(write(tmp_path, text))
    last = len(text.splitlines())
    assert error.startswith(f"line {last}: there is no source line")
    assert "(From The Daily News, April 6, 2024)" in error


def test_a_source_line_written_another_way_says_how_to_write_it(tmp_path):
    text = GOOD.replace(SOURCE, "The Brackenfield Standard, October 14, 2025")
    (error,) = errors_of(write(tmp_path, text))
    assert "Write it as (From The Brackenfield Standard, October 14, 2025)" in error


@pytest.mark.parametrize(
    "last_line",
    [
        "Brackenfield Standard editorial board — published 14 October 2025",
        "Published in The Brackenfield Standard on 14 October 2025",
        "From the Brackenfield Standard (Oct 14, 2025)",
        "Originally published by The Brackenfield Standard, Oct. 14, 2025.",
        "By Ann Lee, Brackenfield Standard, Oct 14, 2025",
    ],
)
def test_a_source_line_in_other_common_forms_gets_its_own_rewrite(tmp_path, last_line):
    text = GOOD.replace(SOURCE, last_line)
    (error,) = errors_of(write(tmp_path, text))
    assert error.startswith(f"line {line_of(text, last_line)}: the last line")
    assert "there is no source line" not in error and "Daily News" not in error
    assert "looks like the source" in error
    assert "Write it as (From The Brackenfield Standard, October 14, 2025)" in error
    fixed = text.replace(last_line, "(From The Brackenfield Standard, October 14, 2025)")
    assert errors_of(write(tmp_path, fixed, "fixed.txt")) == []  # the suggestion is readable


def test_a_sentence_ending_in_a_date_is_not_taken_for_a_source_line(tmp_path):
    text = GOOD.replace(SOURCE, "The board will vote again on 21 October 2025.")
    (error,) = errors_of(write(tmp_path, text))
    assert "there is no source line" in error


def test_a_source_line_under_the_headline_must_move_to_the_end(tmp_path):
    body = GOOD.rstrip().rsplit("\n", 1)[0].split("\n", 1)[1]
    text = f"{HEADLINE}\n{SOURCE}\n{body}"
    (error,) = errors_of(write(tmp_path, text))
    assert "line 2" in error and "must be the very last line. Move it to the end" in error


def test_an_unreadable_date_is_refused(tmp_path):
    text = GOOD.replace("October 14, 2025", "October 41, 2025")
    (error,) = errors_of(write(tmp_path, text))
    assert "'October 41, 2025'" in error and "cannot be read" in error


def test_too_short_an_article_is_refused_with_the_numbers(tmp_path):
    text = "\n".join([*LINES[:8], "", SOURCE])
    (error,) = errors_of(write(tmp_path, text))
    assert "too short to teach with" in error and f"at least {MIN_WORDS} words" in error
    assert "has 80 words in 5 sentences" in error and error.startswith("line 3:")


def test_too_long_an_article_is_refused_and_a_long_one_warned(tmp_path):
    body = GOOD.split("\n\n", 1)[1].rsplit("\n\n", 1)[0]
    very_long = "\n\n".join([HEADLINE, *[body] * 10, SOURCE])
    errors = errors_of(write(tmp_path, very_long, "very_long.txt"))
    assert any(
        "5230 words" in e and "too long for a class" in e and f"{MAX_WORDS:,}" in e for e in errors
    )
    long = "\n\n".join([HEADLINE, *[body] * 3, SOURCE])
    report = kit.check_text(write(tmp_path, long, "long.txt"))
    assert any("long for one lesson" in str(w) for w in report.warnings)


def test_html_leftovers_are_refused_naming_the_line(tmp_path):
    text = GOOD.replace("The arithmetic", "<p>The arithmetic").replace(
        "transport, heating", "transport &amp; heating"
    )
    errors = errors_of(write(tmp_path, text))
    assert errors == [
        f"line {line_of(text, '<p>')}: HTML code left from the web page: <p>. Delete the tags "
        "(keep the words between them), or copy the article again from the page as displayed "
        "in a browser, not from its source.",
        f"line {line_of(text, '&amp;')}: HTML character codes left from the web page: "
        "&amp; → &. Replace each code with the character it stands for.",
    ]


def test_a_body_that_lost_its_blank_lines_is_refused(tmp_path):
    body = " ".join(GOOD.split("\n\n", 1)[1].rsplit("\n\n", 1)[0].split())
    (error,) = errors_of(write(tmp_path, f"{HEADLINE}\n\n{body}\n\n{SOURCE}\n"))
    assert error.startswith("line 3: the body (line 3) is one paragraph of 523 words")
    assert "put a blank line between the paragraphs" in error


def test_every_problem_is_listed_at_once(tmp_path):
    text = "<div>Short headline</div>\n\nOne &nbsp; paragraph. Two. Three.\n"
    report = kit.check_text(write(tmp_path, text))
    found = " | ".join(str(p) for p in report.errors)
    assert len(report.errors) == 4, found
    for expected in ("HTML code", "HTML character codes", "no source line", "too short"):
        assert expected in found
    with pytest.raises(kit.TextCheckError) as caught:
        kit.add_text(write(tmp_path, text))
    assert caught.value.problems == report.problems
    assert "4 problems to fix" in str(caught.value) and "nothing was written" in str(caught.value)


def with_leftovers() -> str:
    """The good article as a web page and a PDF leave it: stray lines and a split word."""
    return (
        GOOD.replace(HEADLINE + "\n\n", HEADLINE + "\n\nShare this\nAdvertisement\n\n", 1)
        .replace("The arithmetic", "Advertisement\n\nThe arithmetic")
        .replace("a modest\nbudget measure", "a modest bud-\nget measure")
        .replace("But the evidence", "Page 2 of 3\n\nBut the evidence")
    )


def test_web_and_pdf_leftovers_are_refused_naming_each_line_to_delete(seeds, tmp_path):
    text = with_leftovers()
    path = write(tmp_path, text)
    report = kit.check_text(path)
    shown = {p.line: p.message for p in report.errors}
    for leftover in ("Share this", "Advertisement", "Page 2 of 3"):
        for number in [n for n, line in enumerate(text.splitlines(), 1) if line == leftover]:
            assert "Delete this line" in shown[number] and "--repair" in shown[number], number
    split = shown[line_of(text, "bud-")]
    assert '"bud-"' in split and '"budget"' in split and "--repair" in split
    assert not report.ok
    with pytest.raises(kit.TextCheckError):
        kit.add_text(path)
    assert list(seeds.iterdir()) == []  # a leftover never slips into the text unasked
    assert main(["add-text", str(path)]) == 1


def test_repair_deletes_exactly_the_leftover_lines_and_joins_split_words(seeds, tmp_path, capsys):
    text = with_leftovers()
    path = write(tmp_path, text)
    assert main(["add-text", str(path), "--repair"]) == 0
    out = capsys.readouterr().out
    written = (seeds / SLUG / "text.txt").read_text(encoding="utf-8")
    assert written.split() == GOOD.split()  # exactly the article's words, no leftover
    assert len(kit.load(SLUG).paragraphs) == 8
    report = kit.add_text(path, repair=True, check=True, slug="again")
    numbers = [n for n, line in enumerate(text.splitlines(), 1) if line == "Advertisement"]
    assert report.repairs == [
        f'line {numbers[0] - 1}: deleted "Share this"',
        f'line {numbers[0]}: deleted "Advertisement"',
        f'line {line_of(text, "bud-")}: joined "bud-" and "get" as "budget"',
        f'line {numbers[1]}: deleted "Advertisement"',
        f'line {line_of(text, "Page 2 of 3")}: deleted "Page 2 of 3"',
    ]
    for repair in report.repairs:
        assert repair in out
    assert "changed only the layout: joined" in out
    assert "changed only the layout: line" not in out and "only the layout: deleted" not in out
    assert "every other word is as in your file" in out


def test_leftovers_the_article_really_prints_can_be_kept(seeds, tmp_path):
    text = with_leftovers()
    report = kit.add_text(write(tmp_path, text), keep_leftovers=True)
    kept = {p.line: p.message for p in report.warnings}
    assert "kept (--keep-leftovers)" in kept[line_of(text, "Page 2 of 3")]
    written = (report.folder / "text.txt").read_text(encoding="utf-8")
    assert "Page 2 of 3" in written and "bud- get" in written
    # two short leftover lines are not "a paragraph hard-wrapped": each stays its own
    assert "Share this Advertisement" not in written
    assert not any("joined" in change and "Share" in change for change in report.changes)


def test_a_soft_hyphen_is_refused_and_removed_on_repair(seeds, tmp_path):
    text = GOOD.replace("substitute teachers", "substi\u00adtute teachers")
    path = write(tmp_path, text)
    (error,) = errors_of(path)
    assert "soft hyphen" in error and "--repair" in error
    report = kit.add_text(path, repair=True)
    assert (report.folder / "text.txt").read_text(encoding="utf-8").split() == GOOD.split()
    assert any("soft hyphen" in repair for repair in report.repairs)


def test_the_windows_1252_warning_reads_as_one_sentence(tmp_path):
    curly = GOOD.replace("Brackenfield's", "Brackenfield’s")
    report = kit.check_text(write(tmp_path, curly.encode("cp1252")))
    (warning,) = report.warnings
    assert "If they do not, in your editor choose File > Save As" in warning.message


@pytest.mark.parametrize(
    ("data", "how"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "Open it in your PDF reader"),
        (b"PK\x03\x04\x14\x00\x06\x00", "Plain Text (.txt)"),
    ],
)
def test_a_pdf_or_word_file_says_how_to_get_its_text(tmp_path, data, how):
    (error,) = errors_of(write(tmp_path, data, "article.txt"))
    assert how in error and "text editor" not in error


def test_check_on_a_taken_name_still_lists_every_problem(seeds, tmp_path, capsys):
    kit.add_text(GOOD_FILE)
    path = write(tmp_path, with_leftovers())
    assert main(["add-text", str(path), "--check"]) == 1
    out = capsys.readouterr().out
    assert "looks like a leftover" in out and f"already a text called {SLUG!r}" in out
    report = kit.check_text(path)
    with pytest.raises(kit.TextCheckError) as caught:
        kit.add_text(path, check=True)
    assert len(caught.value.problems) == len(report.errors) + 1 + len(report.warnings)


def test_binary_and_empty_files_are_refused(tmp_path):
    (error,) = errors_of(write(tmp_path, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a.txt"))
    assert "is a PDF document, not plain text" in error
    (error,) = errors_of(write(tmp_path, b"\n \n", "b.txt"))
    assert "empty" in error


# -- names ------------------------------------------------------------------------------


def test_an_unusable_name_is_refused_with_a_better_one(seeds):
    with pytest.raises(kit.SlugError, match=r"e\.g\. --slug my-article"):
        kit.add_text(GOOD_FILE, slug="My Article!")
    assert list(seeds.iterdir()) == []


def test_a_taken_name_is_never_overwritten(seeds, tmp_path):
    kit.add_text(GOOD_FILE)
    before = (seeds / SLUG / "text.txt").read_bytes()
    other = write(tmp_path, GOOD.replace("Thursday evening", "Friday evening"))
    with pytest.raises(kit.SlugError) as caught:
        kit.add_text(other)
    message = str(caught.value)
    assert f"already a text called {SLUG!r}" in message and "never overwrites" in message
    assert f"--slug {SLUG}-opinion-four-day" in message
    assert (seeds / SLUG / "text.txt").read_bytes() == before
    with pytest.raises(kit.SlugError, match="It holds this same article"):
        kit.add_text(GOOD_FILE)
    assert kit.add_text(other, slug=f"{SLUG}-opinion-four-day").ok
    assert sorted(p.name for p in seeds.iterdir()) == [SLUG, f"{SLUG}-opinion-four-day"]


def test_exit_codes(seeds, tmp_path, capsys):
    assert main(["add-text", str(GOOD_FILE)]) == 0
    assert main(["add-text", str(GOOD_FILE)]) == 2  # taken
    assert main(["add-text", str(tmp_path / "missing.txt")]) == 2
    assert main(["add-text", str(GOOD_FILE), "--slug", "Bad Name"]) == 2
    bad = write(tmp_path, f"{HEADLINE}\n\n{SOURCE}\n")
    assert main(["add-text", str(bad)]) == 1
    captured = capsys.readouterr()
    assert "line 3:" in captured.out and "no body paragraphs" in captured.out
    assert "kit add-text: There is no file or folder" in captured.err
    assert [p.name for p in seeds.iterdir()] == [SLUG]


# -- anything at all gives the kit's own error, or a report -------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=3000),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=3000).map(str.encode),
        st.lists(st.sampled_from([*LINES, "", "<p>", "â€™", "\r", "Advertisement"]), max_size=60)
        .map("\n".join)
        .map(str.encode),
        # The article's own lines, reordered, some dropped, with noise: often good enough.
        st.lists(
            st.one_of(
                st.sampled_from(LINES[2:-1]),
                st.sampled_from(["", " ", "\u200b", "\t", "1.", "- x", "By Ann Lee", "Page 2"]),
            ),
            min_size=20,
            max_size=80,
        ).map(lambda body: "\n".join([HEADLINE, "", *body, "", SOURCE]).encode()),
    )
)
def test_any_bytes_give_a_report_or_the_kits_error(data):
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "article.txt"
        path.write_bytes(data)
        seeds = Path(scratch) / "seeds"
        report = kit.check_text(path)
        assert all(p.line is None or p.line >= 1 for p in report.problems)
        try:
            added = kit.add_text(path, seeds=seeds)
        except kit.KitError:
            assert not seeds.exists() or list(seeds.iterdir()) == []
        else:
            assert report.ok and added.folder.is_dir()
            assert sorted(p.name for p in seeds.iterdir()) == [added.slug]
            doc = kit.load(added.folder)
            assert (doc.headline, len(doc.paragraphs)) == (added.headline, added.paragraphs)
            written = (added.folder / "text.txt").read_text(encoding="utf-8")
            if not added.changes or added.changes[0].startswith("joined"):  # plain UTF-8 in
                assert _visible_words(written) == _visible_words(data.decode("utf-8"))


def _visible_words(text: str) -> list[str]:
    """The words as a reader sees them (a line of zero-width spaces is a blank line)."""
    return text.translate(dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))).split()


# -- every lesson runs on the added text ----------------------------------------------------


@pytest.mark.notebook
def test_every_lesson_runs_on_an_added_text(tmp_path, monkeypatch):
    from notebook_runner import run_notebook

    seeds = tmp_path / "seeds"
    shutil.copytree(REPO / "seeds", seeds)
    monkeypatch.setenv("KIT_SEEDS", str(seeds))
    before = sorted(p.name for p in (REPO / "seeds").iterdir())
    assert main(["add-text", str(GOOD_FILE)]) == 0
    lessons = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert len(lessons) >= 5
    for lesson in lessons:
        notebook = run_notebook(lesson, parameters={"TEXT": SLUG})
        outputs = [cell.get("outputs", []) for cell in notebook.cells]
        errors = [o for cell in outputs for o in cell if o.get("output_type") == "error"]
        assert not errors, f"{lesson.name}: {errors[0].get('evalue')}"
        shown = json.dumps(outputs)
        assert "Brackenfield" in shown, lesson.name  # it really read the added text
        assert "yomiuri" not in shown.lower().replace("yomiuri-2024-04-06", ""), lesson.name
    assert sorted(p.name for p in (REPO / "seeds").iterdir()) == before


def test_a_text_already_in_the_seeds_can_be_checked_but_not_added_again(capsys):
    seed = REPO / "seeds" / "yomiuri-2024-04-06"
    assert main(["add-text", "--check", str(seed)]) == 0
    assert "already in the seeds folder" in capsys.readouterr().out
    with pytest.raises(kit.SlugError, match='lessons can use it now with TEXT = "yomiuri'):
        kit.add_text(seed)


def test_the_bundled_articles_with_a_source_line_pass_and_keep_their_paragraphs():
    """The kit's own test articles are real-world layouts (hard-wrapped, one line a paragraph)."""
    for folder in sorted((REPO / "tests" / "data").glob("*/*/expected.json")):
        expected = json.loads(folder.read_text(encoding="utf-8"))
        report = kit.check_text(folder.parent)
        assert report.paragraphs == len(expected["paragraphs"]), folder.parent.name
        if expected["outlet"] and expected["date"]:
            assert report.ok, (folder.parent.name, [str(p) for p in report.errors])
        else:
            (error,) = report.errors  # the one thing to add: a source line
            assert "there is no source line" in error.message


def test_a_pdf_copy_without_blank_lines_says_the_paragraphs_are_a_guess(tmp_path):
    head, rest = GOOD.split("\n\n", 1)
    body, source = rest.rstrip().rsplit("\n\n", 1)
    text = f"{head}\n\n{body.replace(chr(10) * 2, chr(10))}\n{source}\n"
    report = kit.check_text(write(tmp_path, text))
    assert report.ok
    (warning,) = report.warnings
    assert warning.line == 3 and "guessed where the 12 paragraphs end" in warning.message
    assert "put a blank line between paragraphs" in warning.message


def test_a_broken_or_mistyped_meta_toml_is_reported(tmp_path):
    folder = tmp_path / "with-meta"
    folder.mkdir()
    (folder / "text.txt").write_text(GOOD, encoding="utf-8")
    (folder / "meta.toml").write_text('outelt = "The Standard"\n', encoding="utf-8")
    report = kit.check_text(folder)
    assert report.ok and any('Did you mean "outlet"' in str(w) for w in report.warnings)
    (folder / "meta.toml").write_text("outlet = The Standard\n", encoding="utf-8")
    (error,) = kit.check_text(folder).errors
    assert "meta.toml is not valid TOML" in str(error) and "Or delete meta.toml" in str(error)
