"""The annotating functions take a text the way every kit function does: Document, name or path."""

import pytest

import kit
from tests.conftest import SEED_FOLDER


@pytest.mark.parametrize("text", ["yomiuri-2024-04-06", SEED_FOLDER, str(SEED_FOLDER / "text.txt")])
def test_expert_key_takes_a_name_or_a_path(text):
    by_document = kit.expert_key(kit.load("yomiuri-2024-04-06"))
    assert kit.expert_key(text).equals(by_document)


def test_synthetic_class_takes_a_name():
    made_up = kit.synthetic_class("yomiuri-2024-04-06", n=3, seed=1)
    by_document = kit.synthetic_class(kit.load("yomiuri-2024-04-06"), n=3, seed=1)
    assert made_up.equals(by_document)


def test_a_mistyped_name_is_the_kits_own_error():
    with pytest.raises(kit.TextNotFoundError, match="no text called"):
        kit.expert_key("yomiuri-2024-04-07")
