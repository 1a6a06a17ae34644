"""The annotator app: one sentence at a time, label buttons, a note, and the whole text coloured.

Every button calls the same methods a script would (``Annotator.set``,
``mark``, ``clear``), so what a test drives in code is what a student clicks.
CSS classes let browser tests find the parts: ``kit-annotator`` (the app),
``kit-label-button``, ``kit-prev``, ``kit-next``, ``kit-progress``, ``kit-note``,
``kit-phrase``, ``kit-occurrence`` (which of a repeated phrase), ``kit-clear``,
``kit-alert`` and ``kit-dismiss`` (a message that stays until dismissed), and
``kit-name`` (asks for the student's name while the labels carry none).

>>> import kit, tempfile, pathlib
>>> doc = kit.Document.from_string("Veto\\n\\nRussia vetoed. It was wrong.")
>>> app = kit.Annotator(doc, path=pathlib.Path(tempfile.mkdtemp()) / "a.json").widget
>>> sorted(app._dom_classes)
['kit-annotator']
"""

from __future__ import annotations

import html

from ..errors import KitError
from .phrases import find_phrase
from .store import PLACEHOLDER_NAME

_CURRENT = "background:#fff3b0;padding:1px 2px;border-radius:3px"
_UNLABELLED = "#bbbbbb"


def build_app(annotator):
    """Make the ipywidgets app for ``annotator``; it redraws itself after every change."""
    import ipywidgets as w

    scheme = annotator.scheme
    # pending: notes typed before a label was chosen, by sentence; confirm: a Clear to confirm
    state = {"index": _first_unlabelled(annotator), "quiet": False, "pending": {}, "confirm": 0}
    title = w.HTML(
        f"<b>{html.escape(scheme.title)}</b>"
        f"<div style='font-size:smaller;color:#555'>{html.escape(scheme.description)}</div>"
    )
    progress = w.HTML()
    progress.add_class("kit-progress")
    name_box = w.Text(
        placeholder="Type your name and press Enter",
        description="Your name:",
        continuous_update=False,
        layout=w.Layout(
            width="60%", display="" if annotator.annotator == PLACEHOLDER_NAME else "none"
        ),
    )
    name_box.add_class("kit-name")
    where = w.HTML()
    context = w.HTML(layout=w.Layout(border="1px solid #ddd", padding="6px 10px"))
    current = w.HTML()
    message = w.HTML()
    phrase = w.Text(
        placeholder="Type or paste a phrase from the highlighted sentence",
        description="Phrase:",
        layout=w.Layout(width="95%"),
    )
    phrase.add_class("kit-phrase")
    occurrence = w.Dropdown(
        description="Which one:",
        options=[],
        layout=w.Layout(width="95%", display="none"),
        style={"description_width": "initial"},
    )
    occurrence.add_class("kit-occurrence")
    alert = w.HTML()
    dismiss = w.Button(description="Dismiss", tooltip="Hide this message")
    dismiss.add_class("kit-dismiss")
    alert_box = w.HBox([alert, dismiss], layout=w.Layout(display="none"))
    alert_box.add_class("kit-alert")
    note = w.Textarea(
        placeholder="Optional note: why this label?",
        description="Note:",
        continuous_update=False,
        layout=w.Layout(width="95%", height="3.5em"),
    )
    note.add_class("kit-note")

    buttons = []
    for label in scheme.labels:
        button = w.Button(
            description=label.name,
            tooltip=label.definition,
            layout=w.Layout(width="auto", min_width="8em"),
        )
        button.add_class("kit-label-button")
        button.add_class(f"kit-label-{label.id}")
        button.style.button_color = None
        button.label_id = label.id
        button.label_color = label.color
        buttons.append(button)
    definitions = w.HTML(
        "<ul style='margin:0;font-size:smaller;line-height:1.4'>"
        + "".join(
            f"<li><b style='color:{label.color}'>{html.escape(label.name)}</b>: "
            f"{html.escape(label.definition)} <i>e.g. “{html.escape(label.example)}”</i></li>"
            for label in scheme.labels
        )
        + "</ul>"
    )
    prev_button = w.Button(description="◀ Previous", tooltip="The sentence before")
    prev_button.add_class("kit-prev")
    next_button = w.Button(description="Next ▶", tooltip="The sentence after")
    next_button.add_class("kit-next")
    clear_button = w.Button(
        description="Clear",
        tooltip=(
            "Remove the phrase in the Phrase box (with the box empty: every mark in this "
            "sentence, after a second click to confirm)"
            if scheme.marks_spans
            else "Remove this sentence's label"
        ),
    )
    clear_button.add_class("kit-clear")
    whole = w.HTML()
    whole_box = w.Accordion(children=[whole], titles=("The whole text, coloured by label",))

    def sentence_id():
        return state["index"] + 1

    def say(text, problem=False):
        colour = "#a40000" if problem else "#2a6f2a"
        message.value = f"<span style='color:{colour}'>{html.escape(text)}</span>" if text else ""

    def redraw():
        number = sentence_id()
        total = len(annotator._sentences)
        progress.value = f"<b>{html.escape(annotator.progress)}</b>"
        paragraph = annotator._sentences[number - 1][1]
        where.value = f"Sentence {number} of {total} · paragraph {paragraph}"
        context.value = _paragraph_html(annotator, number)
        entries = annotator.label_of(number)
        chosen = {entry["label"] for entry in entries}
        for button in buttons:
            picked = button.label_id in chosen
            # "success" for scripts that look for the chosen button; the label's own colour
            # (set inline, so it wins over the green) and a check mark for the reader.
            button.button_style = "success" if picked else ""
            button.style.button_color = button.label_color if picked else None
            button.style.text_color = "white" if picked else None
            button.style.font_weight = "bold" if picked else ""
            button.icon = "check" if picked else ""  # a cue that is not only colour
            button.tooltip = ("✓ chosen. " if picked else "") + scheme.label(
                button.label_id
            ).definition
        if scheme.marks_spans:
            current.value = (
                _marks_html(annotator, entries) if entries else "<i>No phrase marked.</i>"
            )
        else:
            names = [scheme.label(entry["label"]).name for entry in entries]
            current.value = f"Your label: ✓ <b>{html.escape(names[0])}</b>" if names else ""
            set_quietly(note, entries[0]["note"] if entries else state["pending"].get(number, ""))
        prev_button.disabled = number == 1
        next_button.disabled = number == total
        whole.value = coloured_text(annotator).data

    def move(step):
        def go(_button):
            kept = note.value.strip() and not annotator.label_of(sentence_id())
            if kept:
                state["pending"][sentence_id()] = note.value
            state["index"] = max(0, min(len(annotator._sentences) - 1, state["index"] + step))
            state["confirm"] = 0
            set_quietly(note, state["pending"].get(sentence_id(), ""))
            phrase.value = ""
            say(
                "Your note is kept with that sentence (not saved yet): it is saved when you "
                "choose a label there."
                if kept
                else ""
            )
            redraw()

        return go

    def choose(button):
        if scheme.marks_spans and not phrase.value.strip():
            say(
                "Type or paste a phrase from the highlighted sentence into the Phrase box, "
                "then click its technique.",
                problem=True,
            )
            return
        state["confirm"] = 0
        which = occurrence.value if occurrence.layout.display != "none" else None
        try:
            if scheme.marks_spans:
                annotator.mark(
                    sentence_id(), phrase.value, button.label_id, note=note.value, occurrence=which
                )
                phrase.value = ""
                set_quietly(note, "")
            else:
                annotator.set(sentence_id(), button.label_id, note=note.value)
            state["pending"].pop(sentence_id(), None)
            say(f"Saved to {annotator.path.name}.")
        except KitError as error:
            say(str(error), problem=True)

    def clear(_button):
        marks = len(annotator.label_of(sentence_id()))
        empty = scheme.marks_spans and not phrase.value.strip()
        if empty and marks and state["confirm"] != sentence_id():
            state["confirm"] = sentence_id()
            say(
                f"The Phrase box is empty. Click Clear again to remove all {marks} "
                f"mark{'' if marks == 1 else 's'} in this sentence, or type the phrase "
                "to remove only its mark.",
                problem=True,
            )
            return
        state["confirm"] = 0
        try:
            if scheme.marks_spans and phrase.value.strip():
                annotator.clear(sentence_id(), phrase=phrase.value)
                phrase.value = ""
            else:
                annotator.clear(sentence_id())
            set_quietly(note, "")
            say(f"Cleared. Saved to {annotator.path.name}.")
        except KitError as error:
            say(str(error), problem=True)

    def set_quietly(box, value):
        state["quiet"] = True
        try:
            box.value = value
        finally:
            state["quiet"] = False

    def note_changed(change):
        if state["quiet"]:
            return
        entries = annotator.label_of(sentence_id())
        if not entries and change["new"].strip():
            say("Choose a label to save this note with it.")
        if scheme.marks_spans or not entries or entries[0]["note"] == change["new"]:
            return
        try:
            annotator.set(sentence_id(), entries[0]["label"], note=change["new"])
            say(f"Note saved to {annotator.path.name}.")
        except KitError as error:
            say(str(error), problem=True)

    def phrase_changed(_change=None):
        number = sentence_id()
        _, _, start, end = annotator._sentences[number - 1]
        sentence = annotator.doc.text[start:end]
        found = find_phrase(sentence, phrase.value) if phrase.value.strip() else []
        if len(found) < 2:
            occurrence.layout.display = "none"
            occurrence.options = []
            return
        options = []
        for index, (first, last) in enumerate(found, start=1):
            before = sentence[max(0, first - 25) : first].lstrip()
            after = sentence[last : last + 25].rstrip()
            options.append((f"{index}: …{before}[{sentence[first:last]}]{after}…", index))
        occurrence.options = options
        occurrence.value = 1
        occurrence.layout.display = ""
        say(
            f"This phrase appears {len(found)} times in the sentence: choose which one under "
            "“Which one”, then its technique."
        )

    def name_given(change):
        if not change["new"].strip():
            return
        try:
            annotator.set_name(change["new"])
            name_box.layout.display = "none"
            say(annotator.message)
        except KitError as error:
            say(str(error), problem=True)

    def dismissed(_button):
        annotator.alert = ""
        alert_box.layout.display = "none"

    def show_alert():
        if annotator.alert:
            alert.value = (
                "<div style='color:#a40000;border:1px solid #a40000;padding:4px 8px'>"
                f"{html.escape(annotator.alert)}</div>"
            )
            alert_box.layout.display = ""

    for button in buttons:
        button.on_click(choose)
    prev_button.on_click(move(-1))
    next_button.on_click(move(+1))
    clear_button.on_click(clear)
    note.observe(note_changed, names="value")
    phrase.observe(phrase_changed, names="value")
    dismiss.on_click(dismissed)
    name_box.observe(name_given, names="value")
    annotator._listeners.append(redraw)
    annotator._listeners.append(show_alert)
    show_alert()
    if annotator.message and not annotator.alert:
        say(annotator.message, problem=True)
    redraw()

    parts = [
        alert_box,
        name_box,
        title,
        w.HBox([progress, w.HTML("&nbsp;·&nbsp;"), where]),
        context,
        current,
    ]
    if scheme.marks_spans:
        parts += [phrase, occurrence]
    parts += [
        w.HBox(buttons, layout=w.Layout(flex_flow="row wrap")),
        definitions,
        note,
        w.HBox([prev_button, next_button, clear_button]),
        message,
        whole_box,
    ]
    app = w.VBox(parts, layout=w.Layout(max_width="900px"))
    app.add_class("kit-annotator")
    return app


def _first_unlabelled(annotator) -> int:
    done = {entry["sentence_id"] for entry in annotator._labels}
    for index, (number, *_rest) in enumerate(annotator._sentences):
        if number not in done:
            return index
    return 0


def _paragraph_html(annotator, number: int) -> str:
    text = annotator.doc.text
    paragraph = annotator._sentences[number - 1][1]
    parts = []
    for sentence_id, para, start, end in annotator._sentences:
        if para != paragraph:
            continue
        words = html.escape(text[start:end])
        if sentence_id == number:
            parts.append(f"<span style='{_CURRENT}'><b>{words}</b></span>")
        else:
            parts.append(f"<span style='color:#777'>{words}</span>")
    return f"<p style='line-height:1.5;margin:0'>{' '.join(parts)}</p>"


def _marks_html(annotator, entries) -> str:
    items = "".join(
        f"<li>“{html.escape(entry['phrase'])}” — "
        f"<b>{html.escape(annotator.scheme.label(entry['label']).name)}</b>"
        + (f" <i>({html.escape(entry['note'])})</i>" if entry["note"] else "")
        + "</li>"
        for entry in entries
    )
    return f"Marked in this sentence:<ul style='margin:0'>{items}</ul>"


def coloured_text(annotator):
    """The whole body with each sentence (or marked phrase) coloured by its label."""
    from IPython.display import HTML

    scheme, text = annotator.scheme, annotator.doc.text
    colours = {label.id: label.color for label in scheme.labels}
    names = {label.id: label.name for label in scheme.labels}
    by_sentence: dict[int, list[dict]] = {}
    for entry in annotator._labels:
        by_sentence.setdefault(entry["sentence_id"], []).append(entry)
    paragraphs: dict[int, list[str]] = {}
    for number, paragraph, start, end in annotator._sentences:
        entries = by_sentence.get(number, [])
        if scheme.marks_spans:
            shown = _spans_html(text, start, end, entries, colours, names)
        elif entries:
            label = entries[0]["label"]
            shown = (
                f"<span title='{html.escape(names[label])}' style='border-bottom:3px solid "
                f"{colours[label]};background:{colours[label]}22'>"
                f"<sup style='color:{colours[label]}'>{number}</sup>"
                f"{html.escape(text[start:end])}</span>"
            )
        else:
            shown = (
                f"<span style='border-bottom:3px dotted {_UNLABELLED}'>"
                f"<sup style='color:#999'>{number}</sup>{html.escape(text[start:end])}</span>"
            )
        paragraphs.setdefault(paragraph, []).append(shown)
    legend = " ".join(
        f"<span style='background:{label.color};color:white;padding:0 .4em;"
        f"border-radius:3px'>{html.escape(label.name)}</span>"
        for label in scheme.labels
    )
    if not scheme.marks_spans:
        legend += f" <span style='border-bottom:3px dotted {_UNLABELLED}'>not labelled yet</span>"
    body = "".join(
        f"<p style='line-height:1.7'>{' '.join(parts)}</p>" for parts in paragraphs.values()
    )
    return HTML(f"<div class='kit-whole-text'><div>{legend}</div>{body}</div>")


def _spans_html(text, start, end, entries, colours, names) -> str:
    pieces, cursor = [], start
    for entry in sorted(entries, key=lambda e: (e["start"], -e["end"])):
        if entry["start"] < cursor:  # overlapping marks: show the first, list the rest by title
            continue
        pieces.append(html.escape(text[cursor : entry["start"]]))
        colour = colours[entry["label"]]
        pieces.append(
            f"<mark title='{html.escape(names[entry['label']])}' style='background:{colour}44;"
            f"border-bottom:2px solid {colour}'>{html.escape(text[entry['start'] : entry['end']])}"
            "</mark>"
        )
        cursor = entry["end"]
    pieces.append(html.escape(text[cursor:end]))
    return "".join(pieces)
