"""The printable handout: one standalone page, every span highlighted with its exact words."""

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from conftest import ARTICLES, SEED

import kit
from kit.cli import main

OTHER = ARTICLES / "oakridge-library-oped"


class _Page(HTMLParser):
    """Reads the handout back: each paragraph's text, and which characters sit in a <mark>."""

    SKIPPED = frozenset(
        {"pnum", "snum", "claim", "code"}
    )  # numbers and codes added around the text

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs = []  # [(text, {index: mark title})]
        self.sentence_numbers = []
        self.claim_labels = []
        self.resources = []
        self._stack = []
        self._title = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href"):
            if name in attrs:
                self.resources.append(attrs[name])
        classes = set((attrs.get("class") or "").split())
        self._stack.append((tag, classes))
        if tag == "p" and "para" in classes:
            self.paragraphs.append(["", {}])
        if tag == "mark" and self.paragraphs and "swatch" not in classes:
            self._title = attrs.get("title")

    def handle_endtag(self, tag):
        while self._stack:
            opened, _ = self._stack.pop()
            if opened == tag:
                break
        if tag == "mark":
            self._title = None

    def handle_data(self, data):
        classes = set().union(*(c for _, c in self._stack)) if self._stack else set()
        if "snum" in classes:
            self.sentence_numbers.append(data)
        if "claim" in classes:
            self.claim_labels.append(data)
        if classes & self.SKIPPED or not any(tag == "p" and "para" in c for tag, c in self._stack):
            return
        text, marked = self.paragraphs[-1]
        if self._title is not None:
            marked.update({len(text) + i: self._title for i in range(len(data))})
        self.paragraphs[-1][0] = text + data


def _read(path):
    page = path.read_text(encoding="utf-8")
    parser = _Page()
    parser.feed(page)
    return page, parser


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory):
    path = tmp_path_factory.mktemp("handout") / "handout.html"
    kit.handout(SEED, path, printed=dt.date(2024, 9, 2))
    return _read(path)


def test_the_page_loads_nothing_from_the_network(seed_page):
    page, parser = seed_page
    assert parser.resources == []
    assert not re.search(r"https?://", page)
    assert "<script" not in page and "<link" not in page and "@import" not in page


def test_every_marker_span_is_highlighted_with_its_exact_words(seed_page):
    _, parser = seed_page
    doc = kit.load(SEED)
    spans = kit.markers(doc)
    assert len(parser.paragraphs) == len(doc._paragraph_spans)
    covered = set()
    for (start, end), (text, marked) in zip(doc._paragraph_spans, parser.paragraphs, strict=True):
        assert text == doc.text[start:end]  # the paragraph, word for word
        inside = spans[(spans.start >= start) & (spans.end <= end)]
        for row in inside.itertuples():
            for offset in range(row.start - start, row.end - start):
                assert offset in marked, f"{row.term!r} ({row.category}) is not highlighted"
                covered.add(start + offset)
            titles = {marked[row.start - start], marked[row.end - start - 1]}
            assert any(t.startswith(f"{row.category}:") or row.category in t for t in titles)
        extra = {start + i for i in marked} - covered
        assert not extra, f"highlighted words that no span marks: {sorted(extra)[:5]}"


def test_sentences_are_numbered_for_discussion_and_paragraphs_too(seed_page):
    page, parser = seed_page
    doc = kit.load(SEED)
    assert parser.sentence_numbers == [f"s{n}" for n in range(1, len(doc.sentences) + 1)]
    assert all(f"¶{n}" in page for n in range(1, len(doc.paragraphs) + 1))
    assert parser.claim_labels == []  # the expert's labels only when asked for


def test_source_line_outlet_date_and_printing_date_are_on_the_page(seed_page):
    page, _ = seed_page
    doc = kit.load(SEED)
    assert doc.source_line in page.replace("&#x27;", "'")
    assert "The Yomiuri Shimbun" in page and "6 April 2024" in page
    assert "Printed on 2024-09-02" in page
    assert "keep the source line" in page


def test_print_css_and_a_legend_readable_in_black_and_white(seed_page):
    page, _ = seed_page
    for rule in ("@page", "@media print", "box-decoration-break: clone", "print-color-adjust"):
        assert rule in page
    counts = kit.markers(kit.load(SEED)).category.value_counts()
    legend = page[page.index('<section class="legend">') : page.index("</section>")]
    for category, count in counts.items():
        assert f">{category}</mark>" in legend and f"({count})" in legend
    # Besides its colour, each category has its own line style and its own letter.
    looks = re.findall(r"mark\.m-(\w+), [^{]*\{[^}]*underline (\w+) (#\w+)", page)
    assert len({line for _, line, _ in looks}) == len(looks) == len(counts)
    codes = re.findall(r'</mark><sup class="code">(\w+)</sup> \(', legend)
    assert len(set(codes)) == len(codes) == len(counts)


def test_the_expert_labels_can_be_added_to_the_sentence_numbers(tmp_path):
    path = kit.handout(SEED, tmp_path / "key.html", claim_labels=True)
    _, parser = _read(path)
    assert parser.claim_labels == kit.expert_key(kit.load(SEED)).label.tolist()


def test_everything_of_the_text_is_escaped(tmp_path):
    doc = kit.Document.from_string(
        'A <script>alert("x")</script> headline\n\nRussia may say <b>this</b> & "that".\n\n'
        "(From <i>The Test Post</i>, May 1, 2024)"
    )
    path = kit.handout(doc, tmp_path / "escaped.html")
    page, parser = _read(path)
    assert "<script" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;" in page and "&lt;b&gt;this&lt;/b&gt; &amp;" in page
    assert parser.paragraphs[0][0] == 'Russia may say <b>this</b> & "that".'


def test_it_works_on_another_text_and_says_when_the_source_line_is_missing(tmp_path):
    path = kit.handout(OTHER, tmp_path / "oak.html")
    page, parser = _read(path)
    doc = kit.load(OTHER)
    assert "Our library is worth more than a line in the budget" in page
    assert [text for text, _ in parser.paragraphs] == [
        doc.text[a:b] for a, b in doc._paragraph_spans
    ]
    assert parser.sentence_numbers[-1] == f"s{len(doc.sentences)}"
    if doc.source_line is None:
        assert "no source line in the text" in page


def test_only_the_chosen_categories_are_highlighted(tmp_path):
    path = kit.handout(SEED, tmp_path / "hedges.html", categories=["hedge"])
    _, parser = _read(path)
    titles = {t for _, marked in parser.paragraphs for t in marked.values()}
    assert titles and all(t.startswith("hedge:") for t in titles)


@pytest.mark.parametrize(
    ("text", "path", "options", "error", "words"),
    [
        ("no-such-text", "h.html", {}, kit.TextNotFoundError, "no-such-text"),
        (SEED, "h.pdf", {}, kit.ArgumentError, "ending in .html"),
        (SEED, "missing/h.html", {}, kit.SaveError, "no folder"),
        (SEED, 42, {}, kit.ArgumentError, "file name in quotes"),
        (SEED, "h.html", {"claim_labels": "yes"}, kit.ArgumentError, "True or False"),
        (SEED, "h.html", {"printed": "today"}, kit.ArgumentError, "datetime.date"),
        (SEED, "h.html", {"categories": ["hedges"]}, kit.ArgumentError, "no category"),
        (OTHER, "h.html", {"claim_labels": True}, kit.KitError, "key"),
    ],
)
def test_bad_input_says_what_to_fix(tmp_path, monkeypatch, text, path, options, error, words):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(error, match=words):
        kit.handout(text, path, **options)
    assert not (tmp_path / "h.html").exists()


def test_the_command_writes_the_page_and_reports_bad_input_in_one_line(tmp_path, capsys):
    out = tmp_path / "cli.html"
    assert main(["handout", str(OTHER), "--out", str(out), "--categories", "hedge,booster"]) == 0
    assert "Wrote" in capsys.readouterr().out and out.exists()
    assert main(["handout", "--out", str(tmp_path / "seed.html"), "--claim-labels"]) == 0
    assert "Yomiuri" in (tmp_path / "seed.html").read_text(encoding="utf-8")
    assert main(["handout", "nope", "--out", str(tmp_path / "x.html")]) == 2
    error = capsys.readouterr().err
    assert error.startswith("kit handout: ") and len(error.strip().splitlines()) == 1


def test_claim_labels_on_a_text_without_a_key_says_how_to_go_on(tmp_path, capsys):
    out = tmp_path / "h.html"
    with pytest.raises(kit.NoExpertKeyError) as raised:
        kit.handout(OTHER, out, claim_labels=True)
    message = str(raised.value)
    assert "leave out claim_labels=True" in message and "key_claims.csv" in message
    assert "compare with classmates" not in message  # the lesson's advice, not a handout's
    assert not out.exists()
    assert main(["handout", str(OTHER), "--out", str(out), "--claim-labels"]) == 2
    error = capsys.readouterr().err
    assert "leave out --claim-labels, or add key_claims.csv" in error
    assert len(error.strip().splitlines()) == 1 and not out.exists()


def test_an_existing_file_the_kit_did_not_write_is_left_alone_unless_forced(tmp_path, capsys):
    mine = tmp_path / "mine.html"
    mine.write_text("<html>my own notes</html>", encoding="utf-8")
    with pytest.raises(kit.SaveError, match=r"not a handout the kit wrote.*--force"):
        kit.handout(SEED, mine)
    assert mine.read_text(encoding="utf-8") == "<html>my own notes</html>"
    assert main(["handout", "--out", str(mine)]) == 2
    error = capsys.readouterr().err
    assert "left as it is" in error and len(error.strip().splitlines()) == 1
    assert mine.read_text(encoding="utf-8") == "<html>my own notes</html>"
    assert main(["handout", "--out", str(mine), "--force"]) == 0
    assert "Yomiuri" in mine.read_text(encoding="utf-8")
    # A handout the kit wrote is replaced without asking, and no temporary file is left.
    kit.handout(OTHER, mine)
    assert kit.load(OTHER).headline in mine.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.html"]
    (tmp_path / "folder.html").mkdir()
    with pytest.raises(kit.SaveError, match="is a folder"):
        kit.handout(SEED, tmp_path / "folder.html", force=True)
