"""What the chart tests share: the Agg backend, closing figures, reading the source note."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from kit.charts._style import SOURCE_NOTE_GID


@pytest.fixture(autouse=True)
def close_figures():
    """Every test starts with no open figure (import this into a chart test module)."""
    yield
    plt.close("all")


def note_of(ax) -> str:
    """The one source note under a chart."""
    notes = [text for text in ax.texts if text.get_gid() == SOURCE_NOTE_GID]
    assert len(notes) == 1, "every chart has one source note"
    return notes[0].get_text()
