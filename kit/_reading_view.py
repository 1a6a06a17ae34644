"""An article laid out for reading: HTML in a notebook, plain text elsewhere.

>>> view = ReadingView("Veto", "The Daily, 1 May 2024", ["Russia vetoed.", "China <b>abstained</b>."])
>>> print(view)
Veto
The Daily, 1 May 2024
<BLANKLINE>
¶1  Russia vetoed.
<BLANKLINE>
¶2  China <b>abstained</b>.
>>> "China &lt;b&gt;abstained&lt;/b&gt;." in view.data
True
"""

from __future__ import annotations

import html
import textwrap


class ReadingView:
    """What ``doc.show()`` returns; a notebook shows it as a page."""

    def __init__(self, headline: str, byline: str, paragraphs: list[str], source_line=None):
        self.headline = headline
        self.byline = byline
        self.paragraphs = paragraphs
        self.source_line = source_line

    @property
    def data(self) -> str:
        """The page as HTML (every piece of the article escaped)."""
        paragraphs = "".join(
            f'<p style="margin:0 0 0.8em 0"><span style="color:#767676;font-size:0.8em;'
            f'user-select:none">¶{number}&nbsp;</span>{html.escape(text)}</p>'
            for number, text in enumerate(self.paragraphs, start=1)
        )
        source = f"<p><em>{html.escape(self.source_line)}</em></p>" if self.source_line else ""
        return (
            '<article style="max-width:42em;font-family:Georgia,serif;line-height:1.5">'
            f"<h3>{html.escape(self.headline)}</h3>"
            f'<p style="color:#555"><em>{html.escape(self.byline)}</em></p>'
            f"{paragraphs}{source}</article>"
        )

    def _repr_html_(self) -> str:
        return self.data

    def __str__(self) -> str:
        blocks = [f"{self.headline}\n{self.byline}"]
        for number, text in enumerate(self.paragraphs, start=1):
            label = f"¶{number}"
            blocks.append(
                textwrap.fill(
                    " ".join(text.split()),
                    width=78,
                    initial_indent=f"{label:<4}",
                    subsequent_indent="    ",
                )
            )
        if self.source_line:
            blocks.append(self.source_line)
        return "\n\n".join(blocks)

    __repr__ = __str__
