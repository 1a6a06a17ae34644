"""Serving a class on JupyterHub, end to end: a real hub on 127.0.0.1, a student who logs in
and clicks the class link, nbgitpuller putting the kit in their home, and the start page
running in their own server.

Slow (a hub, a proxy, a single-user server, a kernel and Chromium); skipped without npm or
Chromium unless KIT_REQUIRE_HUB=1 / KIT_REQUIRE_BROWSER=1 (CI sets both).
Run only this with: make test PYTEST_ARGS="-m hub".
"""

import json
import re

import pytest
from browser_lab import PAGE_TIMEOUT, chromium, require_browser
from conftest import REPO, SEED
from hub_server import (
    SPAWN_TIMEOUT,
    Hub,
    class_repository,
    commit_all,
    output_text,
    require_hub,
)

import kit

pytestmark = [pytest.mark.hub, pytest.mark.slow]

FOLDER = "media-literacy-kit"  # the class repository's name, so the folder nbgitpuller makes
START_PAGE = "notebooks/00_start_here.ipynb"
# Run after the start page in the same kernel: which kit did the notebook import?
WHICH_KIT = (
    'import json, kit\nprint(json.dumps({"kit": kit.__file__, "seeds": str(kit.seeds_folder())}))'
)


def lands_on_start_page(page):
    """Wait until nbgitpuller, done pulling, sends ``page`` to the start page in JupyterLab."""
    page.wait_for_url(
        re.compile(rf"/user/student/lab/tree/{FOLDER}/{re.escape(START_PAGE)}$"),
        timeout=(SPAWN_TIMEOUT + 60) * 1000,
        wait_until="commit",
    )


def test_a_student_follows_the_class_link_and_runs_the_start_page(tmp_path):
    require_browser()  # before the proxy, which may need installing
    proxy = require_hub()
    served = class_repository(REPO, tmp_path / "served" / FOLDER)
    with Hub(tmp_path / "hub", proxy, folder=FOLDER) as hub, chromium() as browser:
        link = kit.class_links(hub=hub.url, repo=served.as_uri(), branch="main").hub
        assert link.startswith(f"{hub.url}/hub/user-redirect/git-pull?repo=file%3A%2F%2F")

        # The student clicks the link: the hub asks them to log in, starts their server,
        # nbgitpuller clones the kit into their home and opens the start page in JupyterLab.
        context = browser.new_context()
        page = context.new_page()
        page.set_default_timeout(PAGE_TIMEOUT * 1000)
        page.goto(link)
        assert "/hub/login" in page.url
        hub.log_in(page, "student")
        lands_on_start_page(page)

        pulled = hub.home("student") / FOLDER
        for name in (START_PAGE, "kit/__init__.py", f"seeds/{SEED}/text.txt", "environment.yml"):
            assert (pulled / name).is_file(), f"{name} did not land in the student's home"

        # The instructor updates the repository; the student, who has edited a file, clicks the
        # same link again: the update arrives and the student's edit stays.
        (pulled / "README.md").write_text("My notes\n", encoding="utf-8")
        (served / "notebooks" / "week2.md").write_text("Read lesson 01.\n", encoding="utf-8")
        commit_all(served, "Week 2")
        page.goto("about:blank")
        page.goto(link)
        lands_on_start_page(page)
        context.close()
        week2 = pulled / "notebooks" / "week2.md"
        assert week2.read_text(encoding="utf-8") == "Read lesson 01.\n"
        assert (pulled / "README.md").read_text(encoding="utf-8") == "My notes\n"

        cells = hub.run_notebook("student", f"{FOLDER}/{START_PAGE}", extra=[WHICH_KIT])

    errors = [
        (cell["code"], output_text(output))
        for cell in cells
        for output in cell["outputs"]
        if output["output_type"] == "error"
    ]
    assert not errors
    assert all(cell["status"] == "ok" for cell in cells)
    printed = "".join(
        output_text(output)
        for cell in cells
        for output in cell["outputs"]
        if output["output_type"] == "stream"
    )
    doc = kit.load(SEED)
    assert f"Headline: {doc.headline}" in printed
    assert f"Outlet:   {doc.outlet}" in printed
    results = [
        output_text(output)
        for cell in cells
        for output in cell["outputs"]
        if output["output_type"] == "execute_result"
    ]
    assert str(len(doc.paragraphs)) in results and str(len(doc.sentences)) in results

    # The notebook imported the kit nbgitpuller pulled, and read the seeds pulled with it.
    which = json.loads(cells[-1]["outputs"][-1]["text"])
    assert which["kit"].startswith(str(pulled / "kit"))
    assert which["seeds"] == str(pulled / "seeds")
