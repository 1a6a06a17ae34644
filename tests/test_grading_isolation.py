"""The child's protections, each tried in a throwaway process (never in the test runner)."""

from __future__ import annotations

import os
import platform
import struct
import subprocess
import sys
import textwrap

import pytest

from kit.grading import isolation

LINUX_ARCH = sys.platform == "linux" and platform.machine() in ("x86_64", "aarch64")


def _python(code: str, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("arch", ["x86_64", "aarch64"])
def test_the_seccomp_program_is_well_formed(arch):
    program = isolation._seccomp_program(arch)
    assert len(program) % 8 == 0
    instructions = [struct.unpack("HBBI", program[i : i + 8]) for i in range(0, len(program), 8)]
    for index, (code, jump_true, jump_false, _k) in enumerate(instructions):
        if code & 0x07 == 0x05:  # a jump: both targets inside the program
            assert index + 1 + max(jump_true, jump_false) < len(instructions)
    assert instructions[-1][0] == 0x06  # ends with a return


@pytest.mark.skipif(not LINUX_ARCH, reason="seccomp filter written for Linux x86_64/aarch64")
def test_seccomp_stops_processes_exec_and_sockets_but_not_threads():
    result = _python(
        """
        import os, socket, threading
        from kit.grading.isolation import seccomp_filter
        seccomp_filter()
        box = []
        thread = threading.Thread(target=lambda: box.append("thread ran"))
        thread.start(); thread.join()
        print(box[0])
        for name, attempt in [
            ("fork", os.fork),
            ("exec", lambda: os.execv("/bin/true", ["true"])),
            ("socket", socket.socket),
        ]:
            try:
                attempt()
                print(name, "allowed")
            except PermissionError:
                print(name, "denied")
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:4] == [
        "thread ran",
        "fork denied",
        "exec denied",
        "socket denied",
    ]


@pytest.mark.skipif(isolation.landlock_abi() < 1, reason="Landlock is not available here")
def test_landlock_allows_only_the_listed_folders(tmp_path):
    (tmp_path / "secret.txt").write_text("key")
    work = tmp_path / "work"
    work.mkdir()
    result = _python(
        """
        import sys, os
        from kit.grading import isolation
        secret, work = sys.argv[1], sys.argv[2]
        print(isolation.landlock(read=[sys.prefix, sys.base_prefix, "/usr"], write=[work]))
        open(os.path.join(work, "mine.txt"), "w").write("ok")
        for what, attempt in [
            ("read", lambda: open(secret).read()),
            ("write", lambda: open(secret, "a")),
            ("delete", lambda: os.remove(secret)),
        ]:
            try:
                attempt()
                print(what, "allowed")
            except PermissionError:
                print(what, "denied")
        """,
        tmp_path / "secret.txt",
        work,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Landlock ABI")
    assert lines[1:] == ["read denied", "write denied", "delete denied"]
    assert (work / "mine.txt").read_text() == "ok"
    assert (tmp_path / "secret.txt").read_text() == "key"


def test_a_missing_protection_is_reported_not_fatal(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    result = _python(
        """
        import json, os, sys
        from kit.grading import isolation
        isolation.landlock_abi = lambda: 0  # as on an old kernel
        report = isolation.confine(
            read=[sys.prefix], write=[sys.argv[1]], memory_mb=256, timeout=5,
            parent_pid=os.getppid(),
        )
        print(json.dumps(report))
        """,
        work,
    )
    assert result.returncode == 0, result.stderr
    import json

    report = json.loads(result.stdout)
    assert report["landlock"].startswith("MISSING")
    assert "resource limits" in report and not report["resource limits"].startswith("MISSING")


@pytest.mark.skipif(os.geteuid() != 0, reason="only a root grader drops its children's uid")
def test_a_root_grader_drops_its_children_to_nobody_when_python_is_readable(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    result = _python(
        """
        import json, os, sys
        from kit.grading import isolation
        report = isolation.confine(
            read=["/usr"], write=[sys.argv[1]], memory_mb=256, timeout=5,
            parent_pid=os.getppid(),
        )
        print(os.getuid(), os.getgid(), report.get("unprivileged user", report.get("capabilities")))
        """,
        work,
    )
    assert result.returncode == 0, result.stderr
    uid, gid, description = result.stdout.split(" ", 2)
    assert (int(uid), int(gid)) == (isolation.NOBODY, isolation.NOBODY)
    assert "dropped from root" in description
    assert work.stat().st_uid == isolation.NOBODY  # its copy is its own


def test_limits_leave_room_for_the_preloaded_interpreter():
    limits = isolation.limits_for(memory_mb=512, timeout=10, base_vm=2**30)
    assert limits["RLIMIT_AS"] == (2**30 + 512 * 2**20,) * 2
    assert limits["RLIMIT_CPU"] == (11, 12)
    assert limits["RLIMIT_CORE"] == (0, 0)
