"""Find the annotator app's parts by the CSS classes the browser test uses too."""


def parts(widget, css_class):
    """Every widget under ``widget`` (itself included) carrying ``css_class``."""
    found = [widget] if css_class in getattr(widget, "_dom_classes", ()) else []
    for child in getattr(widget, "children", ()):
        found += parts(child, css_class)
    return found


def one(widget, css_class):
    """The single widget carrying ``css_class``; fails when there are none or several."""
    (found,) = parts(widget, css_class)
    return found


def text_of(widget):
    """All the text values shown in ``widget`` and its children, joined."""
    own = widget.value if isinstance(getattr(widget, "value", None), str) else ""
    return " ".join([own, *(text_of(child) for child in getattr(widget, "children", ()))])
