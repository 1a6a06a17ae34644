"""Drive the kit's notebooks in a real browser: JupyterLab in headless Chromium.

A test builds a ``Lab`` (a throwaway JupyterLab server serving a copy of a notebooks folder,
plus a Chromium page pointed at it) and opens a notebook in it as a student would::

    with Lab(REPO / "notebooks", tmp_path, browser) as lab:
        notebook = lab.open("00_start_here.ipynb")
        notebook.run_all()
        assert not notebook.errors()

On any failure inside the ``with`` block the page's screenshot, its HTML and the server's log
are saved to a folder whose path is printed and added to the error.

Chromium is Debian's (``/usr/bin/chromium``, or the program named by ``KIT_CHROMIUM``), driven
by the ``playwright`` package's own driver; ``playwright install`` (which downloads a browser)
is never needed. Without Chromium or
playwright the browser tests skip, unless ``KIT_REQUIRE_BROWSER=1`` (set by CI) makes that a
failure.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# Debian's Chromium; elsewhere point KIT_CHROMIUM at a Chromium or Chrome program.
CHROMIUM = Path(os.environ.get("KIT_CHROMIUM") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REQUIRE_BROWSER = "KIT_REQUIRE_BROWSER"
SERVER_START_TIMEOUT = 90  # seconds
KERNEL_TIMEOUT = 120  # seconds for the kernel to start and go idle
CELL_TIMEOUT = 180  # seconds for cells to finish; the same limit as tests/notebook_runner.py
# Seconds a click or an expect() may wait for the page: widgets answer through the kernel,
# and CI machines are shared, so this is generous (playwright's own default is 5 s).
PAGE_TIMEOUT = 30
EVIDENCE_LINES = 25  # lines of the server log and browser console shown with a failure


# --- Is there a browser? ---------------------------------------------------------------------


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return (
            f"no Chromium at {CHROMIUM} (on Debian: sudo apt install chromium; "
            "elsewhere set KIT_CHROMIUM to the path of Chromium or Chrome)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is missing (make install brings it)"
    return None


def require_browser() -> None:
    """Skip the calling test without a browser; fail instead when CI demands one."""
    reason = missing_browser()
    if reason is None:
        return
    if os.environ.get(REQUIRE_BROWSER) == "1":
        pytest.fail(f"{REQUIRE_BROWSER}=1 but the browser tests cannot run: {reason}")
    pytest.skip(f"browser test: {reason}")


def expect(target):
    """playwright's retrying assertions (``expect(locator).to_have_text(...)``), imported late."""
    from playwright.sync_api import expect as playwright_expect

    playwright_expect.set_options(timeout=PAGE_TIMEOUT * 1000)
    return playwright_expect(target)


@contextlib.contextmanager
def chromium():
    """Launch headless Chromium through playwright; yield the Browser, close it after."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# --- The server -----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stat(pid: int) -> list[str] | None:
    """Fields of /proc/<pid>/stat after the command name (state, ppid, pgrp, ...), or None."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _children(pid: int) -> list[tuple[int, str]]:
    """(PID, start time) of each process whose parent is ``pid`` (Linux /proc; else none).

    The start time tells a process from a later one that reuses its PID.
    """
    found = []
    for folder in Path("/proc").glob("[0-9]*"):
        fields = _stat(int(folder.name))
        if fields and int(fields[1]) == pid:
            found.append((int(folder.name), fields[19]))
    return found


def alive(process: tuple[int, str]) -> bool:
    """Whether ``process`` (PID, start time) from ``_children`` still runs; a zombie does not."""
    fields = _stat(process[0])
    return fields is not None and fields[19] == process[1] and fields[0] != "Z"


def _end(processes: list[tuple[int, str]], grace: float = 5) -> None:
    """Give ``processes`` ``grace`` seconds to end; then SIGTERM the rest, later SIGKILL.

    A kernel leads its own process group (jupyter_client starts it in a new session),
    so the signal goes to the group: whatever the kernel started ends with it.
    """
    for signum in (signal.SIGTERM, signal.SIGKILL, None):
        deadline = time.monotonic() + grace
        while any(alive(process) for process in processes) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = [pid for pid, started in processes if alive((pid, started))]
        if not left or signum is None:
            return
        for pid in left:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                if os.getpgid(pid) == pid:
                    os.killpg(pid, signum)
                else:
                    os.kill(pid, signum)


class LabServer:
    """JupyterLab on 127.0.0.1 serving a copy of ``notebooks``, with throwaway Jupyter folders.

    Settings come from the repository's ``.lab/overrides.json`` (the kernel starts by itself,
    no news), as with ``make lab``. Stopped by its own PID, and its kernels by theirs.
    """

    def __init__(self, notebooks: Path, workdir: Path):
        self.workdir = Path(workdir)
        self.root = self.workdir / "notebooks"
        shutil.copytree(notebooks, self.root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        self.token = uuid.uuid4().hex
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = self.workdir / "jupyterlab.log"
        self.process: subprocess.Popen | None = None
        self.kernels: list[tuple[int, str]] = []  # (PID, start time), noted at stop()

    def _environment(self) -> dict:
        folders = {
            "JUPYTER_CONFIG_DIR": "config",
            "JUPYTER_DATA_DIR": "data",
            "JUPYTER_RUNTIME_DIR": "runtime",
            "JUPYTERLAB_SETTINGS_DIR": "user-settings",
            "JUPYTERLAB_WORKSPACES_DIR": "workspaces",
        }
        env = dict(os.environ)
        for name, folder in folders.items():
            path = self.workdir / folder
            path.mkdir(exist_ok=True)
            env[name] = str(path)
        env.pop("JUPYTER_PATH", None)
        return env

    def start(self) -> LabServer:
        """Start the server and wait until it answers (on another port if its was taken)."""
        settings = self.workdir / "app-settings"
        settings.mkdir(exist_ok=True)
        shutil.copy(REPO / ".lab" / "overrides.json", settings / "overrides.json")
        for _attempt in range(3):
            if self._launch(settings):
                return self
            # Another program took the free port between our look and the server's bind.
            self.port = _free_port()
            self.base = f"http://127.0.0.1:{self.port}"
        raise RuntimeError(f"JupyterLab found no free port:\n{self.log()}")

    def _launch(self, settings: Path) -> bool:
        """Run ``jupyter lab`` and wait for it; False if its port was taken."""
        jupyter = Path(sys.executable).with_name("jupyter")
        command = [
            str(jupyter),
            "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            f"--LabApp.app_settings_dir={settings}",
            # Lets the tests read cell tags and outputs from JupyterLab's own model.
            "--LabApp.expose_app_in_browser=True",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                command,
                cwd=self.root,
                env=self._environment(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C in the test's terminal is ours to handle
            )
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            try:
                self.api("status")
                return True
            except OSError:
                if self.process.poll() is not None:
                    if "already in use" in self.log():
                        return False
                    raise RuntimeError(f"JupyterLab exited at start:\n{self.log()}") from None
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"JupyterLab did not answer:\n{self.log()}") from None
                time.sleep(0.3)

    def api(self, path: str):
        """GET ``/api/<path>`` and return the decoded JSON."""
        request = urllib.request.Request(
            f"{self.base}/api/{path}", headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)

    def url(self, path: str) -> str:
        """The browser address of ``path`` under the server (logged in by the token)."""
        return f"{self.base}/{path.lstrip('/')}?token={self.token}"

    def log(self) -> str:
        """What the server has written so far."""
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        """SIGTERM the server (it shuts its kernels down), then end any kernel it left."""
        if self.process is None or self.process.poll() is not None:
            return
        self.kernels = _children(self.process.pid)
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        _end(self.kernels)


# --- The page -------------------------------------------------------------------------------


class Lab:
    """A started ``LabServer`` and a fresh browser page on it; a context manager.

    ``browser`` is a playwright Browser (see ``chromium()``). On an exception inside the
    ``with`` block, a screenshot, the page's HTML and the server log are saved.
    """

    def __init__(self, notebooks: Path, workdir: Path, browser, width=1400, height=1000):
        self.server = LabServer(notebooks, workdir)
        self.browser = browser
        self.viewport = {"width": width, "height": height}
        self.context = None
        self.page = None
        self.console: list[str] = []

    @property
    def root(self) -> Path:
        """The served folder (a copy of the notebooks): what the notebooks save lands here."""
        return self.server.root

    def __enter__(self) -> Lab:
        self.server.start()
        try:
            self.context = self.browser.new_context(viewport=self.viewport)
            self.context.set_default_timeout(PAGE_TIMEOUT * 1000)
            self.page = self.context.new_page()
            self.page.on("console", self._remember_console)
            self.page.on("pageerror", lambda error: self.console.append(f"pageerror: {error}"))
        except BaseException:
            self.server.stop()
            raise
        return self

    def _remember_console(self, message) -> None:
        if message.type in ("error", "warning"):
            self.console.append(f"{message.type}: {message.text}")

    def __exit__(self, kind, error, traceback) -> None:
        try:
            if error is not None:
                folder = self.save_evidence()
                message = f"Browser test evidence (screenshot, page, server log): {folder}"
                print(message)
                if isinstance(error, Exception):
                    # CI keeps no files: the last lines say most of what went wrong.
                    log = "\n".join(self.server.log().splitlines()[-EVIDENCE_LINES:])
                    console = "\n".join(self.console[-EVIDENCE_LINES:]) or "(none)"
                    error.add_note(
                        f"{message}\n--- browser console errors ---\n{console}"
                        f"\n--- end of the JupyterLab log ---\n{log}"
                    )
        finally:
            with contextlib.suppress(Exception):
                self.context.close()
            self.server.stop()

    def save_evidence(self) -> Path:
        """Save a screenshot, the page HTML, console errors and the server log; return the folder."""
        folder = Path(tempfile.mkdtemp(prefix="kit-browser-failure-"))
        with contextlib.suppress(Exception):
            self.page.screenshot(path=str(folder / "screenshot.png"), full_page=True)
        with contextlib.suppress(Exception):
            (folder / "page.html").write_text(self.page.content())
        (folder / "console.txt").write_text("\n".join(self.console) + "\n")
        (folder / "jupyterlab.log").write_text(self.server.log())
        return folder

    def open(self, name: str) -> NotebookPage:
        """Open notebook ``name`` (relative to the served folder) and wait for an idle kernel."""
        notebook = NotebookPage(self.page, name)
        self.page.goto(self.server.url(f"lab/tree/{urllib.parse.quote(name)}"))
        notebook.wait_until_open()
        notebook.wait_for_idle_kernel()
        return notebook


class NotebookPage:
    """One notebook open in JupyterLab: find, run and read its cells as a student would."""

    def __init__(self, page, name: str):
        self.page = page
        self.name = name

    # JupyterLab's own model of the open notebook (window.jupyterapp, exposed on purpose).
    _PANEL = "jupyterapp.shell.currentWidget"

    def _evaluate(self, body: str, argument=None):
        return self.page.evaluate(
            f"(argument) => {{ const panel = {self._PANEL}; {body} }}", argument
        )

    def wait_until_open(self) -> None:
        """Wait for JupyterLab to show this notebook, its cells drawn."""
        self.page.wait_for_function(
            "(name) => window.jupyterapp && jupyterapp.shell.currentWidget"
            " && jupyterapp.shell.currentWidget.context"
            " && jupyterapp.shell.currentWidget.context.path.endsWith(name)"
            " && jupyterapp.shell.currentWidget.context.isReady",
            arg=self.name,
            timeout=KERNEL_TIMEOUT * 1000,
        )
        self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").first.wait_for()

    def wait_for_idle_kernel(self, timeout: float = KERNEL_TIMEOUT, settle: float = 1.5) -> None:
        """Wait until the notebook's kernel is connected and idle, and stays so.

        JupyterLab may start a kernel and swap it for another within a second of opening a
        notebook, so one kernel must stay idle for ``settle`` seconds; the toolbar must agree.
        """
        deadline = time.monotonic() + timeout
        kernel, since = None, time.monotonic()
        while True:
            state = self._evaluate(
                """
                const kernel = panel.sessionContext.session?.kernel;
                const shown = panel.node.querySelector('.jp-Notebook-ExecutionIndicator');
                return {id: kernel?.id ?? null, status: kernel?.status ?? null,
                        connection: kernel?.connectionStatus ?? null,
                        shown: shown?.dataset.status ?? null};
                """
            )
            ready = (
                state["id"] is not None
                and state["status"] == state["shown"] == "idle"
                and state["connection"] == "connected"
            )
            if not ready or state["id"] != kernel:
                kernel, since = (state["id"] if ready else None), time.monotonic()
            elif time.monotonic() - since >= settle:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: no idle kernel after {timeout} s: {state}")
            time.sleep(0.2)

    @property
    def cells(self):
        """Locator of the notebook's cells in the page, in order."""
        return self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell")

    def model(self) -> list[dict]:
        """The notebook's cells as nbformat dicts, as JupyterLab holds them now."""
        return self._evaluate("return panel.content.model.toJSON().cells;")

    def find(self, *, tag: str | None = None, text: str | None = None, kind="code") -> int:
        """Index of the first ``kind`` cell tagged ``tag`` or whose source contains ``text``.

        ``kind`` is "code", "markdown" or None for any cell.
        """
        for index, cell in enumerate(self.model()):
            if kind is not None and cell["cell_type"] != kind:
                continue
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            if tag is not None and tag in cell.get("metadata", {}).get("tags", []):
                return index
            if text is not None and text in source:
                return index
        raise AssertionError(f"{self.name}: no {kind or ''} cell with tag={tag!r} text={text!r}")

    def _counts(self) -> list:
        """Each cell's execution count now (None for markdown and cells never run)."""
        return [cell.get("execution_count") for cell in self.model()]

    def select(self, index: int) -> None:
        """Make cell ``index`` the active one, in command mode, scrolled into view."""
        self._evaluate(
            "panel.content.activeCellIndex = argument; panel.content.mode = 'command';"
            "panel.content.scrollToItem(argument); panel.content.node.focus();",
            index,
        )

    def run_cell(self, *, tag: str | None = None, text: str | None = None) -> int:
        """Run one cell (selected, then Shift+Enter); wait for it; return its index."""
        index = self.find(tag=tag, text=text)
        before = self._counts()
        self.select(index)
        self.page.keyboard.press("Shift+Enter")
        self.wait_for_cells(range(index, index + 1), before)
        return index

    def run_up_to(self, *, tag: str | None = None, text: str | None = None) -> int:
        """Run every cell from the top down to this one, included; return its index."""
        index = self.find(tag=tag, text=text)
        before = self._counts()
        self.select(index)
        self._evaluate(
            "return jupyterapp.commands.execute('notebook:run-all-above')"
            ".then(() => jupyterapp.commands.execute('notebook:run-cell'));"
        )
        self.wait_for_cells(range(index + 1), before)
        return index

    def run_all(self) -> None:
        """Run All from the Run menu, as a student would; wait for every cell."""
        before = self._counts()
        self.page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        self.page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        self.wait_for_cells(range(len(before)), before)

    def wait_for_cells(self, indices, before=None, timeout: float = CELL_TIMEOUT) -> None:
        """Wait until the code cells among ``indices`` have run (or one failed) and all is idle.

        Done means: none is queued or running ([*]), the kernel is idle, and each has an
        execution count other than its count in ``before`` (taken before the run was asked
        for) -- unless a cell raised, after which JupyterLab skips the rest.
        """
        deadline = time.monotonic() + timeout
        wanted = list(indices)
        previous = {index: before[index] if before else None for index in wanted}
        calm = 0
        while True:
            state = self._evaluate(
                """
                const [wanted, previous] = argument;
                const cells = panel.content.widgets;
                const report = {busy: false, pending: [], failed: false};
                for (const index of wanted) {
                  const cell = cells[index];
                  if (cell.model.type !== 'code') continue;
                  const prompt = cell.node.querySelector('.jp-InputPrompt');
                  if (prompt && prompt.textContent.includes('*')) report.busy = true;
                  const count = cell.model.executionCount;
                  if (count === null || count === previous[index]) report.pending.push(index);
                  for (const output of cell.model.outputs.toJSON()) {
                    if (output.output_type === 'error') report.failed = true;
                  }
                }
                const status = panel.sessionContext.session?.kernel?.status;
                report.idle = status === 'idle';
                return report;
                """,
                [wanted, previous],
            )
            done = state["idle"] and not state["busy"] and (state["failed"] or not state["pending"])
            calm = calm + 1 if done else 0
            if calm >= 2:  # idle twice in a row: not the gap between two queued cells
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: cells still running after {timeout} s: {state}")
            time.sleep(0.25)

    def errors(self) -> list[str]:
        """Every error shown in an output, as 'cell N: Name: message'."""
        found = []
        for index, cell in enumerate(self.model()):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    found.append(f"cell {index}: {output['ename']}: {output['evalue']}")
        return found

    def outputs(self, index: int):
        """Locator of the outputs drawn under cell ``index``, scrolled into view.

        (Off-screen cells are not laid out, so their text only reads once on screen.)
        """
        drawn, held = self.cells.count(), len(self.model())
        # Cells are found by position, so all must be in the page (JupyterLab's default
        # windowing, "contentVisibility", keeps them there; "full" would not).
        assert drawn == held, f"{self.name}: {drawn} cells in the page, {held} in the notebook"
        cell = self.cells.nth(index)
        cell.scroll_into_view_if_needed()
        return cell.locator(".jp-OutputArea-output")

    def output_text(self, index: int) -> str:
        """The visible text of cell ``index``'s outputs."""
        return "\n".join(self.outputs(index).all_inner_texts())
