"""Run the instructor guide and write it as one web page: notebooks/instructor/guide.html.

    .venv/bin/python tools/render_guide.py        (or: make guide)

The notebook runs from the top in a fresh kernel, in its own folder, so its cells also
write the printable handout there (handout.html). The page uses the template in
tools/templates/offline: JupyterLab's look, with nothing loaded from the network.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GUIDE = REPO / "notebooks" / "instructor" / "guide.ipynb"
TEMPLATES = Path(__file__).resolve().parent / "templates"


def render(notebook_path: Path = GUIDE) -> Path:
    """Execute ``notebook_path`` and write the page beside it; return the page's path."""
    import nbformat
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    notebook = nbformat.read(notebook_path, as_version=4)
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(notebook_path.parent)}},
    ).execute()
    exporter = HTMLExporter(
        extra_template_basedirs=[str(TEMPLATES)], template_name="offline", embed_images=True
    )
    page, _ = exporter.from_notebook_node(
        notebook, resources={"metadata": {"name": "Instructor guide"}}
    )
    target = notebook_path.with_suffix(".html")
    target.write_text(page, encoding="utf-8")
    return target


if __name__ == "__main__":
    print(f"Wrote {render(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else GUIDE)}")
