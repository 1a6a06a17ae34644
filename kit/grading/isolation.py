"""Confine a grading child: the strongest isolation Linux offers without root, step by step.

Each step is tried in turn and its outcome recorded, so ``kit grade`` can say exactly which
protections were active; where one is missing (another OS, an old kernel) the others still
apply and the report says what was lost.

- **Landlock** (Linux 5.13+): the child may read only Python, its packages, the kit package
  and the seeds, and read/write only its private copy; everything else is denied, including
  the exercise source. From ABI 4 TCP bind/connect are denied; from ABI 6 it cannot signal
  processes outside its sandbox.
- **seccomp**: no new processes (fork, vfork, clone without ``CLONE_THREAD``), no ``exec``,
  no sockets, no ptrace or namespaces. Threads still work.
- **no_new_privs**, **resource limits** (address space, CPU time, file size, open files, no
  core dumps, processes), an unprivileged uid/gid when started as root, and death with the
  fork server.

>>> sorted(limits_for(memory_mb=512, timeout=10, base_vm=0))[:3]
['RLIMIT_AS', 'RLIMIT_CORE', 'RLIMIT_CPU']
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import resource
import signal
import struct
import sys
from pathlib import Path

NOBODY = 65534

# --- Landlock (include/uapi/linux/landlock.h) -------------------------------------------------
_SYS_CREATE_RULESET, _SYS_ADD_RULE, _SYS_RESTRICT_SELF = 444, 445, 446
_CREATE_RULESET_VERSION = 1
_RULE_PATH_BENEATH = 1

_FS_EXECUTE = 1 << 0
_FS_WRITE_FILE = 1 << 1
_FS_READ_FILE = 1 << 2
_FS_READ_DIR = 1 << 3
_FS_REMOVE_DIR = 1 << 4
_FS_REMOVE_FILE = 1 << 5
_FS_MAKE_CHAR = 1 << 6
_FS_MAKE_DIR = 1 << 7
_FS_MAKE_REG = 1 << 8
_FS_MAKE_SOCK = 1 << 9
_FS_MAKE_FIFO = 1 << 10
_FS_MAKE_BLOCK = 1 << 11
_FS_MAKE_SYM = 1 << 12
_FS_REFER = 1 << 13  # ABI 2
_FS_TRUNCATE = 1 << 14  # ABI 3
_FS_IOCTL_DEV = 1 << 15  # ABI 5
_NET_BIND_TCP = 1 << 0  # ABI 4
_NET_CONNECT_TCP = 1 << 1
_SCOPE_ABSTRACT_UNIX_SOCKET = 1 << 0  # ABI 6
_SCOPE_SIGNAL = 1 << 1

_FILE_ONLY = _FS_EXECUTE | _FS_WRITE_FILE | _FS_READ_FILE | _FS_TRUNCATE | _FS_IOCTL_DEV
_READ = _FS_READ_FILE | _FS_READ_DIR
_WRITE = (
    _READ
    | _FS_WRITE_FILE
    | _FS_REMOVE_DIR
    | _FS_REMOVE_FILE
    | _FS_MAKE_DIR
    | _FS_MAKE_REG
    | _FS_MAKE_SYM
    | _FS_MAKE_FIFO
    | _FS_MAKE_SOCK
    | _FS_REFER
    | _FS_TRUNCATE
)

# --- prctl / seccomp ---------------------------------------------------------------------------
_PR_SET_PDEATHSIG = 1
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_RET_KILL_PROCESS = 0x80000000
_CLONE_THREAD = 0x00010000

# Per architecture: audit arch, and the syscall numbers the filter names.
_SYSCALLS = {
    "x86_64": (
        0xC000003E,
        {
            "clone": 56,
            "fork": 57,
            "vfork": 58,
            "clone3": 435,
            "execve": 59,
            "execveat": 322,
            "socket": 41,
            "ptrace": 101,
            "process_vm_readv": 310,
            "process_vm_writev": 311,
            "unshare": 272,
            "setns": 308,
            "mount": 165,
            "umount2": 166,
            "bpf": 321,
            "perf_event_open": 298,
            "userfaultfd": 323,
            "keyctl": 250,
            "add_key": 248,
            "request_key": 249,
            "io_uring_setup": 425,
            "io_uring_enter": 426,
            "io_uring_register": 427,
        },
    ),
    "aarch64": (
        0xC00000B7,
        {
            "clone": 220,
            "clone3": 435,
            "execve": 221,
            "execveat": 281,
            "socket": 198,
            "ptrace": 117,
            "process_vm_readv": 270,
            "process_vm_writev": 271,
            "unshare": 97,
            "setns": 268,
            "mount": 40,
            "umount2": 39,
            "bpf": 280,
            "perf_event_open": 241,
            "userfaultfd": 282,
            "keyctl": 219,
            "add_key": 217,
            "request_key": 218,
            "io_uring_setup": 425,
            "io_uring_enter": 426,
            "io_uring_register": 427,
        },
    ),
}

_libc = None


def _c():
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
    return _libc


def _syscall(number: int, *args) -> int:
    result = _c().syscall(ctypes.c_long(number), *args)
    if result < 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code))
    return result


def _prctl(option: int, arg2, arg3=0, arg4=0, arg5=0) -> None:
    libc = _c()
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    if libc.prctl(option, arg2, arg3, arg4, arg5) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code))


def landlock_abi() -> int:
    """The kernel's Landlock ABI version, or 0 when Landlock is missing or disabled."""
    if sys.platform != "linux":
        return 0
    try:
        return _syscall(_SYS_CREATE_RULESET, None, ctypes.c_size_t(0), _CREATE_RULESET_VERSION)
    except OSError:
        return 0


def _handled_fs(abi: int) -> int:
    handled = (1 << 13) - 1  # EXECUTE .. MAKE_SYM
    if abi >= 2:
        handled |= _FS_REFER
    if abi >= 3:
        handled |= _FS_TRUNCATE
    if abi >= 5:
        handled |= _FS_IOCTL_DEV
    return handled


def landlock(read: list[str], write: list[str], devices: dict[str, int] | None = None) -> str:
    """Allow only ``read`` (read-only) and ``write`` (read-write) beneath those paths.

    Returns a one-line description of what is now enforced. Raises OSError when Landlock is
    unavailable. Paths that do not exist are skipped.
    """
    abi = landlock_abi()
    if abi < 1:
        raise OSError(errno.ENOSYS, "Landlock is not available on this kernel")
    handled = _handled_fs(abi)
    net = _NET_BIND_TCP | _NET_CONNECT_TCP if abi >= 4 else 0
    scoped = _SCOPE_ABSTRACT_UNIX_SOCKET | _SCOPE_SIGNAL if abi >= 6 else 0
    if abi >= 6:
        attr = struct.pack("QQQ", handled, net, scoped)
    elif abi >= 4:
        attr = struct.pack("QQ", handled, net)
    else:
        attr = struct.pack("Q", handled)
    buffer = ctypes.create_string_buffer(attr, len(attr))
    ruleset = _syscall(_SYS_CREATE_RULESET, buffer, ctypes.c_size_t(len(attr)), 0)
    try:
        rules = [(path, _READ) for path in read] + [(path, _WRITE) for path in write]
        rules += list((devices or {}).items())
        for path, access in rules:
            try:
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue
            try:
                if not os.path.isdir(path):
                    access &= _FILE_ONLY
                rule = ctypes.create_string_buffer(struct.pack("=Qi", access & handled, fd), 12)
                _syscall(_SYS_ADD_RULE, ruleset, _RULE_PATH_BENEATH, rule, 0)
            finally:
                os.close(fd)
        _prctl(_PR_SET_NO_NEW_PRIVS, 1)
        _syscall(_SYS_RESTRICT_SELF, ruleset, 0)
    finally:
        os.close(ruleset)
    parts = [f"Landlock ABI {abi}: files outside the allowed folders denied"]
    parts.append("TCP bind/connect denied" if net else "network NOT restricted (ABI < 4)")
    if scoped:
        parts.append("signals and abstract sockets scoped")
    return ", ".join(parts)


def _seccomp_program(arch: str) -> bytes:
    """A BPF program: deny new processes, exec, sockets, ptrace, namespaces; allow the rest."""
    audit_arch, numbers = _SYSCALLS[arch]
    eperm = _RET_ERRNO | errno.EPERM
    denied = [name for name in numbers if name not in ("clone", "clone3")]
    ld_w_abs, jeq, jset, jge, ret = 0x20, 0x15, 0x45, 0x35, 0x06
    program: list[tuple[int, int, int, int]] = []
    # Layout: check arch, load nr, [x32 guard], one test per denied syscall, clone3, clone,
    # allow, then the clone-flags check.
    program.append((ld_w_abs, 0, 0, 4))  # arch
    program.append((jeq, 1, 0, audit_arch))
    program.append((ret, 0, 0, _RET_KILL_PROCESS))
    program.append((ld_w_abs, 0, 0, 0))  # nr
    if arch == "x86_64":
        program.append((jge, 0, 1, 0x40000000))  # x32 syscalls
        program.append((ret, 0, 0, eperm))
    for name in denied:
        program.append((jeq, 0, 1, numbers[name]))
        program.append((ret, 0, 0, eperm))
    # clone3 → ENOSYS so the C library falls back to clone, whose flags we can inspect.
    program.append((jeq, 0, 1, numbers["clone3"]))
    program.append((ret, 0, 0, _RET_ERRNO | errno.ENOSYS))
    program.append((jeq, 1, 0, numbers["clone"]))
    program.append((ret, 0, 0, _RET_ALLOW))
    program.append((ld_w_abs, 0, 0, 16))  # args[0] (low 32 bits): the clone flags
    program.append((jset, 0, 1, _CLONE_THREAD))
    program.append((ret, 0, 0, _RET_ALLOW))
    program.append((ret, 0, 0, eperm))
    return b"".join(struct.pack("HBBI", *instruction) for instruction in program)


def seccomp_filter() -> str:
    """Install the seccomp filter on this process (needs no_new_privs or CAP_SYS_ADMIN)."""
    arch = platform.machine()
    if sys.platform != "linux" or arch not in _SYSCALLS:
        raise OSError(errno.ENOSYS, f"no seccomp filter for {sys.platform}/{arch}")
    code = _seccomp_program(arch)
    filters = ctypes.create_string_buffer(code, len(code))

    class _Program(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    program = _Program(len(code) // 8, ctypes.addressof(filters))
    _prctl(_PR_SET_NO_NEW_PRIVS, 1)
    _prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.addressof(program))
    return "no fork, exec, sockets, ptrace or namespaces (threads allowed)"


def limits_for(memory_mb: int, timeout: float, base_vm: int, nproc: int = 64) -> dict:
    """The resource limits of a child, as {name: (soft, hard)}.

    ``base_vm`` is the address space the preloaded interpreter already uses: the memory limit
    is what a submission may add on top.
    """
    cpu = int(timeout) + 1
    return {
        "RLIMIT_AS": (base_vm + memory_mb * 2**20,) * 2,
        "RLIMIT_CPU": (cpu, cpu + 1),
        "RLIMIT_FSIZE": (64 * 2**20,) * 2,
        "RLIMIT_NOFILE": (256, 256),
        "RLIMIT_CORE": (0, 0),
        "RLIMIT_NPROC": (nproc, nproc),
    }


def _virtual_memory() -> int:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _chown_tree(root: str, uid: int, gid: int) -> None:
    os.chown(root, uid, gid)
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            os.chown(os.path.join(folder, name), uid, gid, follow_symlinks=False)


def confine(
    *,
    read: list[str],
    write: list[str],
    memory_mb: int,
    timeout: float,
    parent_pid: int,
    nproc: int = 64,
) -> dict[str, str]:
    """Apply every protection available to this (freshly forked) process.

    Returns {protection: description} for the active ones and {protection: "MISSING: why"}
    for those that could not be applied. Call it before running any student code.
    """
    report: dict[str, str] = {}

    def attempt(name, action):
        try:
            report[name] = action()
        except Exception as error:  # each protection degrades on its own
            report[name] = f"MISSING: {error}"

    report["process group"] = _own_group()
    if os.geteuid() == 0:
        if _readable_by_others(read):
            attempt("unprivileged user", lambda: _drop_root(write))
        else:
            attempt("capabilities", _drop_capabilities)
    attempt("parent death", lambda: _die_with(parent_pid))
    attempt("resource limits", lambda: _set_limits(memory_mb, timeout, nproc))
    attempt("no_new_privs", lambda: (_prctl(_PR_SET_NO_NEW_PRIVS, 1), "set: no privilege gain")[1])
    devices = {
        "/dev/null": _FS_READ_FILE | _FS_WRITE_FILE | _FS_TRUNCATE,
        "/dev/urandom": _FS_READ_FILE,
        "/dev/random": _FS_READ_FILE,
        "/proc/self": _READ,
    }
    attempt("landlock", lambda: landlock(read, write, devices))
    attempt("seccomp", seccomp_filter)
    return report


def _own_group() -> str:
    try:
        os.setpgid(0, 0)
    except OSError as error:
        return f"MISSING: {error}"
    return "own process group, killed as a whole on timeout"


def _drop_root(write: list[str]) -> str:
    for folder in write:
        _chown_tree(folder, NOBODY, NOBODY)
    os.setgroups([])
    os.setresgid(NOBODY, NOBODY, NOBODY)
    os.setresuid(NOBODY, NOBODY, NOBODY)
    return f"runs as uid/gid {NOBODY} (dropped from root, no capabilities)"


def _readable_by_others(paths: list[str]) -> bool:
    """Whether an unprivileged uid could read ``paths`` (Python may live under /root)."""
    import stat

    for path in map(Path, paths):
        if not path.exists():
            continue
        for folder in path.parents:
            if not folder.stat().st_mode & stat.S_IXOTH:
                return False
        if not path.stat().st_mode & stat.S_IROTH:
            return False
    return True


_PR_CAPBSET_DROP = 24
_CAPABILITY_VERSION_3 = 0x20080522


def _drop_capabilities() -> str:
    """Stay uid 0 but give up every capability, for good (bounding set too)."""
    last = int(Path("/proc/sys/kernel/cap_last_cap").read_text())
    for capability in range(last + 1):
        _prctl(_PR_CAPBSET_DROP, capability)
    header = ctypes.create_string_buffer(struct.pack("Ii", _CAPABILITY_VERSION_3, 0), 8)
    data = ctypes.create_string_buffer(bytes(24), 24)
    if _c().capset(header, data) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code))
    return (
        "all capabilities dropped (stays uid 0: Python lives where uid 65534 cannot read; "
        "RLIMIT_NPROC does not bind uid 0, seccomp stops forks)"
    )


def _die_with(parent_pid: int) -> str:
    _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:
        os._exit(0)
    return "killed if the fork server dies"


def _set_limits(memory_mb: int, timeout: float, nproc: int) -> str:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-big file is an error, not a death
    applied = []
    for name, (soft, hard) in limits_for(memory_mb, timeout, _virtual_memory(), nproc).items():
        resource.setrlimit(getattr(resource, name), (soft, hard))
        applied.append(name.removeprefix("RLIMIT_"))
    return (
        f"{', '.join(applied)} (memory {memory_mb} MB above the preloaded interpreter, "
        f"CPU {int(timeout) + 1} s, files 64 MB, 256 open files, no core dumps, "
        f"{nproc} processes for the user)"
    )


def user_task_count() -> int:
    """How many processes and threads this user runs now (RLIMIT_NPROC counts them all)."""
    uid, count = os.getuid(), 0
    try:
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    if entry.stat().st_uid == uid:
                        count += len(os.listdir(f"/proc/{entry.name}/task"))
                except OSError:
                    continue
    except OSError:
        return 0
    return count
