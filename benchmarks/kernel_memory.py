"""How much memory one student needs: each lesson's kernel at its peak, and an idle JupyterLab.

Runs every lesson in `notebooks/` (00 to 04, top to bottom, as a student's Run All) in a fresh
IPython kernel through nbclient, in a temporary copy of its folder, and reads the kernel's peak
resident memory (`VmHWM` in /proc/<pid>/status, Linux) after the last cell. With --server it
also starts one JupyterLab server (a student's own, as a hub spawns it) on 127.0.0.1 with
temporary Jupyter folders and reads its resident memory once it answers.

    .venv/bin/python benchmarks/kernel_memory.py [--text yomiuri-2024-04-06] [--server]

Resident memory counts the shared libraries a process maps, so the figures are an upper bound
per student: kernels on one machine share those pages. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CELL_TIMEOUT = 300  # seconds


def parse_args(argv=None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--text", default=None, help="TEXT for every lesson (default: each lesson's own)"
    )
    parser.add_argument(
        "--server", action="store_true", help="also measure an idle JupyterLab server"
    )
    parser.add_argument(
        "lessons",
        nargs="*",
        type=Path,
        help="notebooks to run (default: notebooks/0*.ipynb)",
    )
    return parser.parse_args(argv)


def status_kb(pid: int, field: str) -> int:
    """A field of /proc/<pid>/status in kB (VmHWM: peak resident, VmRSS: resident now)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise RuntimeError(f"/proc/{pid}/status has no {field}")


def lesson_peak(path: Path, text: str | None) -> tuple[int, float]:
    """(peak resident kB of the kernel, seconds) for one Run All of ``path``."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    if text:
        index = next(
            i for i, c in enumerate(notebook.cells) if "parameters" in c.metadata.get("tags", [])
        )
        notebook.cells.insert(index + 1, nbformat.v4.new_code_cell(f"TEXT = {text!r}"))
    with tempfile.TemporaryDirectory(prefix="kit-memory-") as scratch:
        folder = Path(scratch) / path.parent.name
        shutil.copytree(path.parent, folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        client = NotebookClient(
            notebook,
            timeout=CELL_TIMEOUT,
            kernel_name="python3",
            resources={"metadata": {"path": str(folder)}},
        )
        started = time.perf_counter()
        with client.setup_kernel():
            for index, cell in enumerate(notebook.cells):
                client.execute_cell(cell, index)
            pid = client.km.provisioner.process.pid
            peak = status_kb(pid, "VmHWM")
        return peak, time.perf_counter() - started


def server_resident() -> int:
    """Resident kB of an idle JupyterLab server (no kernel), once it answers on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryDirectory(prefix="kit-memory-lab-") as scratch:
        env = dict(os.environ)
        for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR"):
            env[name] = str(Path(scratch, name.lower()))
        env["JUPYTERLAB_SETTINGS_DIR"] = str(Path(scratch, "settings"))
        command = [
            sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
            "--ip=127.0.0.1", f"--port={port}", "--IdentityProvider.token=kit-memory",
            f"--ServerApp.root_dir={REPO}",
        ]  # fmt: skip
        server = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            url = f"http://127.0.0.1:{port}/lab?token=kit-memory"
            for _ in range(120):
                try:
                    urllib.request.urlopen(url, timeout=2).read()  # loads the page's assets
                    break
                except OSError:
                    time.sleep(0.5)
            else:
                raise RuntimeError("JupyterLab did not answer within 60 s")
            time.sleep(2)
            return status_kb(server.pid, "VmRSS")
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def main(argv=None) -> int:
    """Run the lessons and print the table."""
    args = parse_args(argv)
    lessons = args.lessons or sorted((REPO / "notebooks").glob("0*.ipynb"))
    load = os.getloadavg()[0]
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, load {load:.2f}")
    print(f"{'lesson':28} {'kernel peak':>12} {'seconds':>8}")
    peaks = []
    for path in lessons:
        peak, seconds = lesson_peak(Path(path), args.text)
        peaks.append(peak)
        print(f"{Path(path).name:28} {peak / 1024:9.0f} MB {seconds:8.1f}")
    print(f"{'largest kernel':28} {max(peaks) / 1024:9.0f} MB")
    if args.server:
        print(f"{'idle JupyterLab server':28} {server_resident() / 1024:9.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
