"""Whatever a file holds, the kit either reads it with exact offsets or raises its own error."""

import warnings

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import kit

# Text built from the pieces articles are made of, so the search reaches deep.
PIECES = st.sampled_from(
    ["\n", "\n\n", "\r\n", " ", "\t", ".", "?", "!", "“", "”", "’", '"', "(", ")", "—", "...",
     "U.S.", "Dr.", "N. Korea", "p.m.", "Mr", "May", "The", "he said", "From", ",", "2024",
     "(From The Daily, April 6, 2024)", "April 31, 2024", "é", "\u00a0", "\u2028", "\ufeff"]
)  # fmt: skip
ARTICLE_LIKE = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join)


def _check_document(doc):
    for table, column in [(doc.paragraphs, "text"), (doc.sentences, "text"), (doc.tokens, "token")]:
        for start, end, text in zip(table.start, table.end, table[column], strict=True):
            assert doc.text[start:end] == text
            assert text.strip() == text and text
    assert doc.sentences.sentence_id.tolist() == list(range(1, len(doc.sentences) + 1))
    assert doc.body.startswith(doc.paragraphs.text.iloc[0])
    assert repr(doc) and doc._repr_html_()


@settings(max_examples=400, deadline=None)
@given(ARTICLE_LIKE)
@example(".\n\n.\n\x1f0")  # a control character str.isspace() counts: no sentence starts with it
def test_any_string_gives_a_sound_document_or_a_kit_error(text):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", kit.KitWarning)
            doc = kit.Document.from_string(text)
    except kit.KitError:
        return
    _check_document(doc)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.one_of(st.binary(max_size=300), ARTICLE_LIKE.map(lambda t: t.encode("utf-8"))))
def test_any_file_gives_a_document_or_a_kit_error(write_text, data):
    path = write_text(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", kit.KitWarning)
            doc = kit.load(path)
    except kit.KitError:
        return
    _check_document(doc)
