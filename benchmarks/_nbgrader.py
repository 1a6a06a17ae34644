"""nbgrader 0.9.6 in its own virtual environment: install once, build a course, time autograde.

nbgrader's own app runs from ``benchmarks/.cache/nbgrader-venv`` (its dependencies never touch
the kit's environment). The student code runs in a kernel started from the kit's Python, so
both graders execute the same answers with the same libraries (pandas, NLTK, the kit), under
the same memory limit (an address-space limit on the kernel once it has loaded the libraries,
as ``kit grade`` sets on its children), and with a per-cell time limit that we set to ``kit grade``'s.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from _processes import run_timed

VERSION = "0.9.6"
CACHE = Path(__file__).resolve().parent / ".cache"
VENV = CACHE / "nbgrader-venv"

# Run by the kernel before any cell (an IPython startup file): load what the kit's grader
# preloads in its fork server, then allow the student's code ``memory_mb`` on top of that, the
# address-space limit ``kit grade`` puts on each child.
_MEMORY_LIMIT = """\
import os, resource
for name in ("numpy", "pandas", "nltk", "matplotlib.pyplot", "kit", "kit.exercises"):
    try:
        __import__(name)
    except Exception:
        pass
with open("/proc/self/statm") as statm:
    used = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
limit = used + int(os.environ["KIT_BENCH_MEMORY_MB"]) * 2**20
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
del os, resource, name, statm, used, limit
"""


def _venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def installed_version(venv: Path = VENV) -> str | None:
    """nbgrader's version in ``venv``, or None when it is not installed there."""
    python = _venv_python(venv)
    if not python.exists():
        return None
    probe = subprocess.run(
        [str(python), "-c", "import nbgrader; print(nbgrader.__version__)"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    return probe.stdout.strip() if probe.returncode == 0 else None


def ensure_installed(venv: Path = VENV, log=print) -> tuple[float, str | None]:
    """Create the venv and ``pip install nbgrader==0.9.6`` unless already there.

    Returns (seconds spent installing, 0.0 when reused; an error message or None).
    """
    if installed_version(venv) == VERSION:
        return 0.0, None
    log(f"Installing nbgrader {VERSION} into {venv} (one time only) ...")
    venv.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    base = getattr(sys, "_base_executable", None) or sys.executable
    log_path = venv.parent / "nbgrader-install.log"
    steps = [
        ("creating the virtual environment", [base, "-m", "venv", "--clear", str(venv)]),
        (f"`pip install nbgrader=={VERSION}`",
         [str(_venv_python(venv)), "-m", "pip", "install", "--disable-pip-version-check",
          f"nbgrader=={VERSION}"]),
    ]  # fmt: skip
    for what, step in steps:
        _, code = run_timed(step, log_path=log_path)
        if code != 0:
            return time.perf_counter() - start, f"{what} failed (exit {code}); see {log_path}"
    if installed_version(venv) != VERSION:
        return time.perf_counter() - start, f"nbgrader {VERSION} did not import; see {log_path}"
    return time.perf_counter() - start, None


class Course:
    """An nbgrader course folder in ``root`` with one assignment of one notebook."""

    def __init__(self, root: Path, *, assignment: str, notebook: str, timeout: int,
                 memory_mb: int, kernel_python: str = sys.executable, venv: Path = VENV):  # fmt: skip
        self.root = Path(root)
        self.assignment = assignment
        self.notebook = notebook
        self.venv = venv
        self.root.mkdir(parents=True, exist_ok=True)
        jupyter = self.root / ".jupyter"
        kernels = jupyter / "data" / "kernels" / "python3"
        kernels.mkdir(parents=True)
        startup = jupyter / "ipython" / "profile_default" / "startup"
        startup.mkdir(parents=True)
        (startup / "00-memory-limit.py").write_text(_MEMORY_LIMIT)
        spec = {
            "argv": [kernel_python, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3 (kit)",
            "language": "python",
            "env": {"KIT_BENCH_MEMORY_MB": str(memory_mb)},
        }
        (kernels / "kernel.json").write_text(json.dumps(spec))
        (self.root / "nbgrader_config.py").write_text(
            "c = get_config()\n"
            f"c.CourseDirectory.root = {str(self.root)!r}\n"
            "c.CourseDirectory.course_id = 'benchmark'\n"
            f"c.Execute.timeout = {int(timeout)}\n"
            "c.Exchange.root = 'exchange'\n"
        )
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("JUPYTER", "PYTHON", "VIRTUAL_ENV", "IPYTHON"))
        }
        self.env.update(
            PATH=f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
            JUPYTER_PATH=str(jupyter / "data"),
            JUPYTER_DATA_DIR=str(jupyter / "data"),
            JUPYTER_CONFIG_DIR=str(jupyter / "config"),
            JUPYTER_RUNTIME_DIR=str(jupyter / "runtime"),
            IPYTHONDIR=str(jupyter / "ipython"),
        )

    def _nbgrader(self, *args: str, log_name: str) -> tuple[float, int, Path]:
        log_path = self.root / log_name
        seconds, code = run_timed(
            [str(self.venv / "bin" / "nbgrader"), *args],
            log_path=log_path,
            env=self.env,
            cwd=self.root,
        )
        return seconds, code, log_path

    def generate(self, source_notebook: dict) -> dict:
        """Write the source, run ``nbgrader generate_assignment``; return the released notebook."""
        folder = self.root / "source" / self.assignment
        folder.mkdir(parents=True)
        (folder / self.notebook).write_text(json.dumps(source_notebook, indent=1))
        _, code, log_path = self._nbgrader(
            "generate_assignment", self.assignment, "--force", log_name="generate.log"
        )
        released = self.root / "release" / self.assignment / self.notebook
        if code != 0 or not released.exists():
            raise RuntimeError(f"nbgrader generate_assignment failed; log:\n{_tail(log_path)}")
        return json.loads(released.read_text())

    def submit(self, student: str, notebook: dict) -> None:
        """Place one student's notebook where ``nbgrader autograde`` looks for it."""
        folder = self.root / "submitted" / student / self.assignment
        folder.mkdir(parents=True)
        (folder / self.notebook).write_text(json.dumps(notebook))

    def autograde(self) -> tuple[float, int, Path]:
        """Time ``nbgrader autograde`` over every submission: (seconds, exit code, log)."""
        return self._nbgrader("autograde", self.assignment, "--force", log_name="autograde.log")

    def scores(self) -> dict[str, tuple[float, float]]:
        """{student: (score, max score)} from nbgrader's gradebook."""
        script = (
            "import json, sys\n"
            "from nbgrader.api import Gradebook\n"
            "with Gradebook(sys.argv[1]) as gb:\n"
            "    for s in gb.find_assignment(sys.argv[2]).submissions:\n"
            "        print(json.dumps([s.student_id, s.score, s.max_score]))\n"
        )
        result = subprocess.run(
            [str(self.venv / "bin" / "python"), "-c", script,
             f"sqlite:///{self.root / 'gradebook.db'}", self.assignment],
            capture_output=True, text=True, env=self.env, cwd=self.root,
            stdin=subprocess.DEVNULL,
        )  # fmt: skip
        if result.returncode != 0:
            raise RuntimeError(f"could not read nbgrader's gradebook:\n{result.stderr[-2000:]}")
        rows = (json.loads(line) for line in result.stdout.splitlines() if line.strip())
        return {student: (score, maximum) for student, score, maximum in rows}

    def remove(self) -> None:
        """Delete the course folder."""
        shutil.rmtree(self.root, ignore_errors=True)


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"
