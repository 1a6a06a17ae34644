"""The README's commands: `make install` is idempotent, `make lab` serves a working kit."""

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
import uuid

import pytest
from conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")

TOKEN = uuid.uuid4().hex


def test_make_install_has_nothing_to_do_when_up_to_date():
    """`make -q` asks make whether anything would run: nothing should."""
    result = subprocess.run(["make", "-q", "install"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, "make install would reinstall although nothing changed"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url):
    request = urllib.request.Request(url, headers={"Authorization": f"token {TOKEN}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read(), response.url


def _post(url, payload):
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


@pytest.fixture
def lab_server(tmp_path):
    """`make lab` on 127.0.0.1 with throwaway Jupyter folders; stopped afterwards."""
    port = _free_port()
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
    }
    lab_args = (
        f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} "
        f"--ServerApp.port_retries=0 --IdentityProvider.token={TOKEN}"
    )
    log = (tmp_path / "lab.log").open("w")
    server = subprocess.Popen(
        ["make", "lab", f"LAB_ARGS={lab_args}"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: make, its shell, jupyter
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                _get(f"{base}/api/status")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("make lab did not serve:\n" + (tmp_path / "lab.log").read_text())
                time.sleep(0.5)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def _run_in_kernel(base, kernel_id, code):
    """Execute ``code`` over the kernel's websocket; return its stdout."""
    from tornado import ioloop, websocket

    async def run():
        url = base.replace("http", "ws") + f"/api/kernels/{kernel_id}/channels?token={TOKEN}"
        connection = await websocket.websocket_connect(url)
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": "execute_request", "username": "test",
                  "session": uuid.uuid4().hex, "version": "5.3"}  # fmt: skip
        content = {"code": code, "silent": False, "store_history": False,
                   "user_expressions": {}, "allow_stdin": False}  # fmt: skip
        await connection.write_message(json.dumps(
            {"header": header, "parent_header": {}, "metadata": {}, "content": content,
             "channel": "shell", "buffers": []}
        ))  # fmt: skip
        out = []
        while True:
            message = json.loads(await connection.read_message())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = message["msg_type"]
            if kind == "stream":
                out.append(message["content"]["text"])
            elif kind == "error":
                raise AssertionError("\n".join(message["content"]["traceback"]))
            elif kind == "status" and message["content"]["execution_state"] == "idle":
                connection.close()
                return "".join(out)

    return ioloop.IOLoop.current().run_sync(run, timeout=120)


@pytest.mark.slow
def test_make_lab_serves_the_start_page_and_a_kernel_that_imports_kit(lab_server):
    status, _, landing = _get(f"{lab_server}/")
    assert status == 200 and landing.endswith("/lab/tree/notebooks/00_start_here.ipynb")
    listing = json.loads(_get(f"{lab_server}/api/contents/notebooks")[1])
    assert "00_start_here.ipynb" in {item["name"] for item in listing["content"]}
    # The start page links to ../exercises/: the server must reach that folder too.
    status, _, _ = _get(f"{lab_server}/api/contents/exercises/ex00_practice.ipynb?content=0")
    assert status == 200
    # Classroom defaults from .lab/overrides.json: no news popup, kernel starts by itself.
    settings = f"{lab_server}/lab/api/settings/@jupyterlab"
    news = json.loads(_get(f"{settings}/apputils-extension:notification")[1])
    assert news["schema"]["properties"]["fetchNews"]["default"] == "false"
    tracker = json.loads(_get(f"{settings}/notebook-extension:tracker")[1])
    assert tracker["schema"]["properties"]["autoStartDefaultKernel"]["default"] is True
    kernel = _post(f"{lab_server}/api/kernels", {"name": "python3"})
    printed = _run_in_kernel(
        lab_server,
        kernel["id"],
        "import kit, sys; doc = kit.load('yomiuri-2024-04-06');"
        "print(len(doc.sentences), doc.outlet, sys.prefix)",
    )
    count, rest = printed.split(" ", 1)
    assert count == "22" and rest.startswith("The Yomiuri Shimbun")
    assert rest.strip().endswith(".venv"), "the kernel runs in the kit's .venv"
