"""A throwaway JupyterHub on 127.0.0.1 for tests: what a class's hub does, on one machine.

``Hub`` starts JupyterHub (dummy authenticator with a password, ``SimpleLocalProcessSpawner``
with a temporary home per user, ``configurable-http-proxy`` from npm) with every file it writes
(database, cookie secret, PID files, homes) in a temporary folder, and ports chosen free.
It is stopped by its own PID (its process group), and the single-user servers and their
kernels by theirs, even when the test fails.

The single-user servers get the recipe the README gives a real hub: ``PYTHONPATH`` points at
the folder nbgitpuller clones the kit into, so ``import kit`` uses the pulled copy (the same
version as the notebooks, with its ``seeds/``), whatever kit the image installed.

``configurable-http-proxy`` is found on PATH or in ``KIT_PROXY_DIR`` (default
``~/.cache/media-literacy-kit/proxy``); when missing and npm is here, it is installed there.
Without npm the hub test skips, unless ``KIT_REQUIRE_HUB=1`` (set by CI) makes that a failure.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from browser_lab import _children, _end, _free_port, _stat

REQUIRE_HUB = "KIT_REQUIRE_HUB"
PROXY_PACKAGE = "configurable-http-proxy@5"
PROXY_DIR = Path(
    os.environ.get("KIT_PROXY_DIR")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    / "media-literacy-kit"
    / "proxy"
)
NPM_QUIET = ["--no-audit", "--no-fund", "--loglevel=error"]
HUB_START_TIMEOUT = 120  # seconds for the hub and its proxy to answer
SPAWN_TIMEOUT = 240  # seconds for a single-user server to start (shared CI machines are slow)
CELL_TIMEOUT = 180  # seconds per cell, as in tests/notebook_runner.py
LOG_LINES = 40


# --- Is there a proxy? -----------------------------------------------------------------------


def find_proxy() -> tuple[Path | None, str]:
    """The configurable-http-proxy program (installing it with npm when missing), and why not."""
    on_path = shutil.which("configurable-http-proxy")
    if on_path:
        return Path(on_path), ""
    local = PROXY_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
    if local.exists():
        return local, ""
    npm = shutil.which("npm")
    if npm is None:
        return None, (
            "configurable-http-proxy is missing and so is npm to install it (install Node.js, "
            f"then: npm install --prefix {PROXY_DIR} {PROXY_PACKAGE})"
        )
    PROXY_DIR.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [npm, "install", "--prefix", str(PROXY_DIR), *NPM_QUIET, PROXY_PACKAGE],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0 or not local.exists():
        return None, f"npm could not install {PROXY_PACKAGE}: {done.stderr.strip()[-500:]}"
    return local, ""


def require_hub() -> Path:
    """The proxy program; skip the calling test without one, or fail when CI demands a hub."""
    reason = ""
    if shutil.which("git") is None:
        reason = "git is missing (nbgitpuller clones with it)"
    else:
        proxy, reason = find_proxy()
        if proxy is not None:
            return proxy
    if os.environ.get(REQUIRE_HUB) == "1":
        pytest.fail(f"{REQUIRE_HUB}=1 but the JupyterHub test cannot run: {reason}")
    pytest.skip(f"JupyterHub test: {reason}")


# --- The kit as a class repository -----------------------------------------------------------


def class_repository(source: Path, target: Path, branch: str = "main") -> Path:
    """A git repository at ``target`` holding the files of ``source`` as they are now.

    The files git tracks in ``source`` plus new ones it does not ignore, so the hub gets the
    working tree under test, committed on ``branch``.
    """
    listed = subprocess.run(
        ["git", "-C", str(source), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        path = source / name
        if path.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / name)
    subprocess.run(["git", "init", "-q", "-b", branch, str(target)], check=True)
    commit_all(target, "The kit, as a class gets it")
    return target


def commit_all(repository: Path, message: str) -> None:
    """Commit every change in ``repository`` (as the instructor who updates the class's kit)."""
    git = ["git", "-C", str(repository), "-c", "user.name=kit test"]
    git += ["-c", "user.email=test@kit.invalid"]
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", message], check=True)


# --- The hub ---------------------------------------------------------------------------------

CONFIG = """\
import os

c = get_config()  # noqa: F821
c.JupyterHub.bind_url = {url!r}
c.JupyterHub.hub_bind_url = {hub_url!r}
c.JupyterHub.db_url = {db_url!r}
c.JupyterHub.cookie_secret_file = {cookie_secret!r}
c.JupyterHub.pid_file = {hub_pid!r}
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.api_url = {proxy_api!r}
c.ConfigurableHTTPProxy.auth_token = {proxy_token!r}
c.ConfigurableHTTPProxy.pid_file = {proxy_pid!r}

c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allowed_users = {users!r}

c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {homes!r} + "/{{username}}"
c.Spawner.cmd = [{python!r}, "-m", "jupyterhub.singleuser"]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = {spawn_timeout}
c.Spawner.http_timeout = {spawn_timeout}


# The README's recipe: the kit nbgitpuller pulled is the kit the notebooks import.
def pulled_kit(spawner):
    return os.path.join(spawner.home_dir, {folder!r})


c.Spawner.environment = {{"PYTHONPATH": pulled_kit}}

# The test's own token, to drive the student's server through its REST API.
c.JupyterHub.services = [{{"name": "kit-test", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [
    {{
        "name": "kit-test",
        "scopes": ["access:servers", "read:users"],
        "services": ["kit-test"],
    }}
]
"""


class Hub:
    """JupyterHub on 127.0.0.1 with users ``users`` (all with ``password``)."""

    def __init__(self, workdir: Path, proxy: Path, folder: str, users=("student",)):
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.homes = self.workdir / "homes"
        self.homes.mkdir()
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.password = uuid.uuid4().hex
        self.token = uuid.uuid4().hex
        self.log_path = self.workdir / "jupyterhub.log"
        self.config = self.workdir / "jupyterhub_config.py"
        args = ["--allow-root"] if os.geteuid() == 0 else []
        self.config.write_text(
            CONFIG.format(
                url=self.url,
                hub_url=f"http://127.0.0.1:{_free_port()}",
                db_url=f"sqlite:///{self.workdir / 'jupyterhub.sqlite'}",
                cookie_secret=str(self.workdir / "cookie_secret"),
                hub_pid=str(self.workdir / "jupyterhub.pid"),
                proxy=str(proxy),
                proxy_api=f"http://127.0.0.1:{_free_port()}",
                proxy_token=uuid.uuid4().hex,
                proxy_pid=str(self.workdir / "proxy.pid"),
                password=self.password,
                users=set(users),
                homes=str(self.homes),
                python=sys.executable,
                args=args,
                spawn_timeout=SPAWN_TIMEOUT,
                folder=folder,
                token=self.token,
            )
        )
        self.process: subprocess.Popen | None = None
        self.servers: dict[int, str] = {}  # single-user server PID -> start time

    # -- starting and stopping --

    def __enter__(self) -> Hub:
        self.start()
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if error is not None:
            print(f"--- last lines of {self.log_path} ---\n{self.log_tail()}")
        self.stop()

    def start(self) -> None:
        env = {key: value for key, value in os.environ.items() if not key.startswith("JUPYTER")}
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "jupyterhub", "-f", str(self.config)],
                cwd=self.workdir,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stopped by its own PID
            )
        deadline = time.monotonic() + HUB_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterHub stopped at start:\n{self.log_tail()}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{self.url}/hub/api", timeout=5).ok:
                    return
            time.sleep(0.5)
        raise RuntimeError(
            f"JupyterHub did not answer in {HUB_START_TIMEOUT} s:\n{self.log_tail()}"
        )

    def stop(self) -> None:
        """Stop the hub (it stops its servers and proxy), then whatever outlived it."""
        self._note_servers()
        leftovers = [(pid, started) for pid, started in self.servers.items()]
        for pid in list(self.servers):
            leftovers += _children(pid)  # kernels lead their own process groups
        proxy = self._pid_in(self.workdir / "proxy.pid")
        if proxy:
            leftovers.append(proxy)
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        _end(leftovers)

    def _note_servers(self) -> None:
        """Note the single-user servers' PIDs from the hub's database (the spawner's state)."""
        with contextlib.suppress(sqlite3.Error):
            connection = sqlite3.connect(self.workdir / "jupyterhub.sqlite", timeout=5)
            try:
                rows = connection.execute("SELECT state FROM spawners").fetchall()
            finally:
                connection.close()
            for (state,) in rows:
                pid = json.loads(state or "{}").get("pid") if state else None
                fields = _stat(pid) if pid else None
                if fields:
                    self.servers[pid] = fields[19]

    @staticmethod
    def _pid_in(path: Path) -> tuple[int, str] | None:
        with contextlib.suppress(OSError, ValueError):
            pid = int(path.read_text().strip())
            fields = _stat(pid)
            if fields:
                return pid, fields[19]
        return None

    def log_tail(self) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-LOG_LINES:])
        return "(no log)"

    # -- a student's side --

    def home(self, user: str) -> Path:
        return self.homes / user

    def log_in(self, page, user: str) -> None:
        """Fill the hub's login form on ``page``, which shows it, and send it."""
        page.fill("#username_input", user)
        page.fill("#password_input", self.password)
        page.click("#login_submit")

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        """Call the hub's URL space (``/hub/api/...``, ``/user/NAME/api/...``) with the test's
        token; raise on an HTTP error."""
        headers = {"Authorization": f"token {self.token}"}
        response = requests.request(
            method, f"{self.url}{path}", headers=headers, timeout=60, **kwargs
        )
        response.raise_for_status()
        return response

    def run_notebook(self, user: str, path: str, extra: list[str] = ()) -> list[dict]:
        """Run the code cells of notebook ``path`` (relative to the user's home) in a kernel of
        the user's server, as JupyterLab does (a session on the notebook, so the kernel's folder
        is the notebook's), then the cells ``extra``. One dict per cell: its code, its outputs
        (the kernel's messages' contents with ``output_type``) and the reply's status."""
        import websocket

        base = f"/user/{user}"
        notebook = self.api("GET", f"{base}/api/contents/{path}", params={"content": 1}).json()
        cells = [
            "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            for cell in notebook["content"]["cells"]
            if cell["cell_type"] == "code"
        ]
        session = self.api(
            "POST",
            f"{base}/api/sessions",
            json={"path": path, "type": "notebook", "name": "", "kernel": {"name": "python3"}},
        ).json()
        kernel = session["kernel"]["id"]
        self._note_servers()
        socket = websocket.create_connection(
            f"ws://127.0.0.1:{self.port}{base}/api/kernels/{kernel}/channels",
            header=[f"Authorization: token {self.token}"],
            timeout=CELL_TIMEOUT,
        )
        try:
            return [_execute(socket, code) for code in [*cells, *extra]]
        finally:
            socket.close()
            with contextlib.suppress(requests.RequestException):
                self.api("DELETE", f"{base}/api/sessions/{session['id']}")


def _execute(socket, code: str) -> dict:
    """Send one execute_request over a kernel's websocket; gather its outputs until idle."""
    msg_id = uuid.uuid4().hex
    socket.send(
        json.dumps(
            {
                "header": {
                    "msg_id": msg_id,
                    "msg_type": "execute_request",
                    "session": "kit-hub-test",
                    "username": "student",
                    "version": "5.3",
                },
                "parent_header": {},
                "metadata": {},
                "channel": "shell",
                "buffers": [],
                "content": {
                    "code": code,
                    "silent": False,
                    "store_history": True,
                    "user_expressions": {},
                    "allow_stdin": False,
                    "stop_on_error": True,
                },
            }
        )
    )
    outputs, reply, idle = [], None, False
    deadline = time.monotonic() + CELL_TIMEOUT
    while not (idle and reply is not None):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the cell did not finish in {CELL_TIMEOUT} s:\n{code}")
        raw = socket.recv()
        if isinstance(raw, bytes):  # binary frames carry widget buffers; none expected here
            continue
        message = json.loads(raw)
        if message.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind = message["msg_type"]
        if kind == "execute_reply":
            reply = message["content"]
        elif kind == "status":
            idle = message["content"]["execution_state"] == "idle"
        elif kind in ("stream", "execute_result", "display_data", "error"):
            outputs.append({"output_type": kind, **message["content"]})
    return {"code": code, "outputs": outputs, "status": reply["status"]}


def output_text(output: dict) -> str:
    """The text of one output: a stream's text, a result's text/plain, an error's name."""
    if output["output_type"] == "stream":
        return output["text"]
    if output["output_type"] == "error":
        return f"{output['ename']}: {output['evalue']}"
    return output.get("data", {}).get("text/plain", "")
