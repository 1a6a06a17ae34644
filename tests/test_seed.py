"""The seed editorial: a verbatim copy, and its exact paragraphs, sentences and tokens."""

import datetime as dt

import pytest
from conftest import SEED, SEED_FOLDER, SHARED_SEED

import kit

# The 22 sentences of the body, as a careful reader splits them.
SENTENCES = [
    "The system of surveilling North Korea may have become inconvenient for Russia, but "
    "Moscow’s recent move is a dangerous act that threatens world peace and security.",
    "By making the move, Russia itself has proved that it is not qualified to be a permanent "
    "member of the U.N. Security Council.",
    "It has become highly likely that the Security Council’s panel of experts, which monitors "
    "the enforcement of sanctions against North Korea, will be abolished at the end of April "
    "due to Russia exercising its veto power against a resolution to extend the mandate of the "
    "panel by a year.",
    "The panel, which was established in 2009, is comprised of eight experts on import and "
    "export control and nuclear nonproliferation from Japan, the United States and South "
    "Korea, among other nations.",
    "It has played an important role in such work as clarifying the actual situation of a "
    "ship-to-ship transfer scheme by which North Korean vessels smuggle goods at sea.",
    "Abolishing the panel does not mean that the various sanctions resolutions will expire, "
    "but the monitoring system will inevitably become lax.",
    "North Korea’s nuclear and missile development programs will certainly accelerate.",
    "It is only natural that Japan, the United States, Britain, France and South Korea harshly "
    "condemned Russia’s use of its veto power, describing it in a joint statement as “not the "
    "behavior of a responsible U.N. member state.”",
    "Russia had voted in favor of the sanctions resolutions against North Korea through 2017.",
    "It had never objected to the previous resolutions to renew the mandate of the panel.",
    "Nevertheless, Russia has drastically changed its stance this time, and it can only be "
    "attributed to the fact that Moscow has prioritized its relations with Pyongyang over "
    "international cooperation.",
    "The sanctions resolutions prohibit arms transactions with North Korea.",
    "However, since last year, North Korea has been providing Russia with missiles and other "
    "equipment, which are reportedly being used in Russia’s aggression against Ukraine.",
    "The panel had been looking into the transactions between Russia and North Korea.",
    "Russia may have wanted to avoid having its arms deals with North Korea revealed.",
    "It is possible that Russia is in a situation in which it cannot continue its operations "
    "in Ukraine without military assistance from North Korea, because the aggression has "
    "become prolonged.",
    "Russia was seeking to set time limits on the sanctions as a condition for voting in favor "
    "of the latest resolution to extend the mandate of the panel.",
    "Moscow may have planned to exercise its veto power on the renewal of the sanctions, "
    "thereby bringing them to an end.",
    "This suggests that Russia and North Korea are in a honeymoon phase of their relationship.",
    "In a report released last month, the panel noted that North Korea obtains about half of "
    "its foreign currency through cyber-attacks and allocates the money acquired through these "
    "crimes to its nuclear and missile development programs.",
    "Japan, the United States and South Korea need to focus their efforts on deterring North "
    "Korea’s cybercrimes.",
    "This should ultimately bring an end to Pyongyang supporting Moscow and make Russia give "
    "up its continued aggression in Ukraine.",
]
SENTENCE_PARAGRAPHS = [1, 2, 3, 4, 4, 5, 5, 6, 7, 7, 8, 9, 9, 9, 10, 10, 11, 11, 11, 12, 13, 13]
PARAGRAPH_SPANS = [
    (92, 255), (257, 381), (383, 666), (668, 1031), (1033, 1255), (1257, 1481), (1483, 1656),
    (1658, 1855), (1857, 2179), (2181, 2451), (2453, 2810), (2812, 3045), (3047, 3283),
]  # fmt: skip


@pytest.fixture(scope="module")
def doc():
    return kit.load(SEED)


def test_seed_is_a_verbatim_copy_of_the_shared_editorial():
    if not SHARED_SEED.is_file():
        pytest.skip("the team's shared copy of the editorial is not beside this clone")
    assert (SEED_FOLDER / "text.txt").read_bytes() == SHARED_SEED.read_bytes()


def test_body_has_13_paragraphs_at_exact_offsets(doc):
    paragraphs = doc.paragraphs
    assert list(paragraphs.columns) == ["paragraph", "text", "start", "end"]
    assert paragraphs.paragraph.tolist() == list(range(1, 14))
    assert list(zip(paragraphs.start, paragraphs.end, strict=True)) == PARAGRAPH_SPANS
    for row in paragraphs.itertuples():
        assert doc.text[row.start : row.end] == row.text
    assert paragraphs.text.iloc[0].startswith("The system of surveilling")
    assert paragraphs.text.iloc[-1].endswith("aggression in Ukraine.")


def test_body_has_22_sentences_as_a_reader_splits_them(doc):
    sentences = doc.sentences
    assert list(sentences.columns) == ["sentence_id", "paragraph", "text", "start", "end"]
    assert sentences.text.tolist() == SENTENCES
    assert sentences.sentence_id.tolist() == list(range(1, 23))
    assert sentences.paragraph.tolist() == SENTENCE_PARAGRAPHS
    # Each sentence occurs once in the file, so its offset is where it is found.
    assert sentences.start.tolist() == [doc.text.index(s) for s in SENTENCES]
    assert sentences.end.tolist() == [doc.text.index(s) + len(s) for s in SENTENCES]


def test_headline_and_source_line_are_metadata_not_body(doc):
    body = " ".join(doc.sentences.text)
    assert "UNSC Panel" not in body
    assert "From The Yomiuri Shimbun" not in body
    assert doc.headline == (
        "UNSC Panel on N. Korea Sanctions: Russia’s Move to Exercise Veto Power Overly Self-serving"
    )
    assert doc.source_line == "(From The Yomiuri Shimbun, April 6, 2024)"
    assert doc.body == doc.text[92:3283]


def test_metadata_from_meta_toml(doc):
    assert doc.slug == SEED
    assert doc.outlet == "The Yomiuri Shimbun"
    assert doc.date == dt.date(2024, 4, 6)
    assert doc.genre == "editorial"
    assert doc.language == "en"
    assert "teaching" in doc.rights


def test_metadata_derived_from_text_alone(write_text):
    path = write_text((SEED_FOLDER / "text.txt").read_bytes())  # no meta.toml beside it
    doc = kit.load(path.parent)
    assert doc.outlet == "The Yomiuri Shimbun"
    assert doc.date == dt.date(2024, 4, 6)
    assert doc.headline.startswith("UNSC Panel on N. Korea Sanctions")
    assert doc.genre is None  # the text itself does not say "editorial"
    assert len(doc.sentences) == 22


def test_tokens_tile_every_sentence_exactly(doc):
    tokens = doc.tokens
    assert list(tokens.columns) == ["sentence_id", "token", "start", "end"]
    for row in tokens.itertuples():
        assert doc.text[row.start : row.end] == row.token
    assert (tokens.start.shift(-1).dropna() >= tokens.end.iloc[:-1]).all(), "tokens overlap"
    for sentence in doc.sentences.itertuples():
        mine = tokens[tokens.sentence_id == sentence.sentence_id]
        assert mine.start.min() == sentence.start and mine.end.max() == sentence.end
        covered = sum(mine.end - mine.start)
        assert covered == len("".join(sentence.text.split())), "a character was dropped"


def test_tokens_split_words_from_punctuation_but_keep_abbreviations(doc):
    tokens = doc.tokens.token.tolist()
    assert tokens.count("U.N.") == 2
    assert "state" in tokens and "state." not in tokens
    assert tokens.count("’s") == 6  # Russia’s (twice), Moscow’s, Council’s, Korea’s (twice)
    assert "Moscow" in tokens and "Moscow’s" not in tokens
    assert "2009" in tokens and "ship-to-ship" in tokens
