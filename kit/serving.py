"""Serving a class: the links that put the kit in front of students, an nbgitpuller link for
a JupyterHub and a Binder link for a public repository (GitHub, GitLab.com or any https git
host).

A student who clicks the hub link logs in, and nbgitpuller clones (or updates) the repository
into a folder of their home named after it, then opens the start page in JupyterLab:

>>> links = class_links(hub="https://hub.example.edu", repo="https://github.com/ml/kit")
>>> print(links.hub)
https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fml%2Fkit&branch=main&urlpath=lab%2Ftree%2Fkit%2Fnotebooks%2F00_start_here.ipynb
>>> print(links.binder)
https://mybinder.org/v2/gh/ml/kit/main?urlpath=lab%2Ftree%2Fnotebooks%2F00_start_here.ipynb
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from .errors import ClassLinkError, describe

START_PAGE = "notebooks/00_start_here.ipynb"
DISTRIBUTION = "media-literacy-kit"
BINDER = "https://mybinder.org/v2"
_REPO_SCHEMES = ("https", "http", "git", "ssh", "file")


@dataclass(frozen=True)
class ClassLinks:
    """The links for one repository, branch and page; ``binder`` is None for an address
    mybinder.org cannot build from (not https); ``warnings`` are problems found with the
    inputs that still make a link (a page missing from a local checkout, say)."""

    hub: str | None
    binder: str | None
    repo: str
    branch: str
    folder: str  # the folder nbgitpuller clones into, in each student's home
    path: str  # the page that opens, inside the repository
    warnings: tuple[str, ...] = field(default=())

    def __str__(self) -> str:
        lines = []
        if self.hub:
            lines += ["JupyterHub (nbgitpuller):", f"  {self.hub}"]
        if self.binder:
            lines += ["Binder (no saved work between sessions):", f"  {self.binder}"]
        return "\n".join(lines)


def class_links(
    hub: str | None = None,
    repo: str | None = None,
    branch: str = "main",
    path: str = START_PAGE,
    checkout: str | Path | None = None,
) -> ClassLinks:
    """The nbgitpuller link for ``hub`` and the Binder link for ``repo``.

    ``repo`` defaults to the kit's own repository address (``[project.urls] Repository``);
    ``path`` is the page that opens, relative to the repository. ``checkout`` is a local copy
    of the repository, to check that ``path`` is in it; without it the kit checks in its own
    source folder when ``repo`` is the kit's repository, and in the folder of a file:// address.
    Each problem found is issued as a warning and kept in ``.warnings``.

    >>> class_links(repo="https://github.com/ml/kit.git").folder  # GitHub needs no .git
    'kit'
    >>> class_links(hub="hub.example.edu", repo="https://github.com/ml/kit")
    Traceback (most recent call last):
    kit.errors.ClassLinkError: The hub address 'hub.example.edu' is not a web address. Give it whole, starting with https:// (for example https://hub.example.edu).
    """
    repo = _repository(repo)
    branch = _branch(branch)
    path = _page(path)
    folder = _folder(repo)
    hub_link = None
    if hub is not None:
        urlpath = "lab/tree/" + quote(f"{folder}/{path}")
        query = "&".join(
            f"{name}={quote(value, safe='')}"
            for name, value in (("repo", repo), ("branch", branch), ("urlpath", urlpath))
        )
        hub_link = f"{_hub(hub)}/hub/user-redirect/git-pull?{query}"
    warnings = _page_warnings(repo, path, checkout)
    if folder.endswith(".git") and hub is not None:
        warnings.append(
            f"The address ends in .git, so each student's folder will be called {folder}/ "
            f"(nbgitpuller names it after the address). Most git hosts (GitLab too) also serve "
            f"the address without .git: give --repo {repo.removesuffix('.git')} for a folder "
            f"called {folder.removesuffix('.git')}/."
        )
    from ._warn import warn

    for message in warnings:
        warn(message)
    return ClassLinks(
        hub=hub_link,
        binder=_binder(repo, branch, path),
        repo=repo,
        branch=branch,
        folder=folder,
        path=path,
        warnings=tuple(warnings),
    )


def kit_checkout() -> Path | None:
    """The kit's own source folder when it is a checkout of the repository (an editable
    install), else None."""
    root = Path(__file__).resolve().parent.parent
    if (root / ".git").exists() and (root / START_PAGE).is_file():
        return root
    return None


def _page_warnings(repo: str, path: str, checkout) -> list[str]:
    """A warning when ``path`` is not in the local copy of ``repo`` (when there is one)."""
    if checkout is None:
        parts = urlsplit(repo)
        if parts.scheme == "file":
            checkout = Path(unquote(parts.path))
        elif _same_repository(repo, default_repository()):
            checkout = kit_checkout()
    if checkout is None or not Path(checkout).is_dir():
        return []
    checkout = Path(checkout)
    if (checkout / path).exists():
        return []
    import difflib

    pages = sorted(
        p.relative_to(checkout).as_posix()
        for folder in ("notebooks", "exercises")
        for p in (checkout / folder).rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts and "source" not in p.parts
    )
    close = difflib.get_close_matches(path, pages, n=1, cutoff=0.85)
    hint = f" Did you mean {close[0]}?" if close else ""
    return [
        f"{path} is not in the repository (checked in {checkout}): the link would open a page "
        f"that does not exist.{hint} A page you have just made (kit release --text) must be "
        "committed and pushed before students follow the link."
    ]


def _same_repository(one: str | None, other: str | None) -> bool:
    def norm(address):
        return address.strip().rstrip("/").removesuffix(".git").lower()

    return bool(one and other) and norm(one) == norm(other)


def default_repository() -> str | None:
    """The repository address the installed kit declares (``Repository`` in its project
    URLs), or None."""
    from importlib import metadata

    try:
        entries = metadata.metadata(DISTRIBUTION).get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in entries:
        label, _, address = entry.partition(",")
        if label.strip().lower() in ("repository", "source", "source code") and address.strip():
            return address.strip()
    return None


def _repository(repo: str | None) -> str:
    if repo is None:
        repo = default_repository()
        if repo is None:
            raise ClassLinkError(
                "The kit does not know its repository's address. Give it: "
                "--repo https://github.com/ORG/REPO (the repository your students should get)."
            )
    if not isinstance(repo, str):
        raise ClassLinkError(f"The repository address must be text, not {describe(repo)}.")
    repo = repo.strip().rstrip("/")
    parts = _split(repo, "repository")
    if parts.scheme not in _REPO_SCHEMES or not (parts.netloc or parts.scheme == "file"):
        raise ClassLinkError(
            f"The repository address {repo!r} is not one your students' servers can clone. "
            "Give the whole https address, for example https://github.com/ORG/REPO."
        )
    if parts.query or parts.fragment or not parts.path.strip("/"):
        raise ClassLinkError(
            f"The repository address {repo!r} should end with the repository's name and have "
            "no ?... or #... part, for example https://github.com/ORG/REPO."
        )
    if _github(parts):
        repo = repo.removesuffix(".git")  # GitHub serves both; the folder is then the bare name
    return repo


def _github(parts) -> bool:
    return parts.scheme == "https" and parts.netloc.lower() in ("github.com", "www.github.com")


def _folder(repo: str) -> str:
    # nbgitpuller's own rule: the last part of the address, as given (a ".git" stays).
    return repo.split("/")[-1]


def _branch(branch: str) -> str:
    if not isinstance(branch, str) or not branch.strip():
        raise ClassLinkError(f"The branch must be a name such as 'main', not {describe(branch)}.")
    branch = branch.strip()
    if re.search(r"\s|\.\.|[~^:?*\[\\]", branch) or branch.startswith(("-", "/")):
        raise ClassLinkError(
            f"{branch!r} is not a git branch name (no spaces, '..', or ~^:?*[\\). "
            "Give the branch your students should get, such as 'main'."
        )
    return branch


def _page(path: str) -> str:
    if not isinstance(path, str) or not path.strip():
        raise ClassLinkError(
            f"The page to open must be a path such as {START_PAGE!r}, not {describe(path)}."
        )
    path = path.strip().rstrip("/")
    if "\\" in path or path.startswith("/") or {"", ".", ".."} & set(path.split("/")):
        raise ClassLinkError(
            f"The page to open, {path!r}, must be a path inside the repository written with "
            f"'/', such as {START_PAGE!r}."
        )
    return path


def _hub(hub: str) -> str:
    if not isinstance(hub, str):
        raise ClassLinkError(f"The hub address must be text, not {describe(hub)}.")
    address = hub.strip()
    parts = _split(address, "hub")
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ClassLinkError(
            f"The hub address {address!r} is not a web address. Give it whole, starting with "
            "https:// (for example https://hub.example.edu)."
        )
    if "@" in parts.netloc:
        raise ClassLinkError(
            f"The hub address {address!r} has a user name or password part (before an @). "
            "Give only the hub's address, for example https://hub.example.edu."
        )
    if parts.query or parts.fragment:
        raise ClassLinkError(
            f"The hub address {address!r} has a ?... or #... part. Give only the hub's address, "
            "for example https://hub.example.edu."
        )
    # People paste the address of a page on the hub: keep what comes before /hub/.
    prefix = re.split(r"/hub(?:/|$)", parts.path, maxsplit=1)[0].rstrip("/")
    return f"{parts.scheme}://{parts.netloc}{prefix}"


def _split(address: str, what: str):
    """``urlsplit(address)``, refusing what browsers and git read differently: a backslash
    (a browser reads it as "/"), a broken [IPv6] host, a port outside 1-65535."""
    example = "https://hub.example.edu" if what == "hub" else "https://github.com/ORG/REPO"
    try:
        parts = urlsplit(address)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as error:
        raise ClassLinkError(
            f"The {what} address {address!r} is not a valid address ({error}). Give it whole, "
            f"for example {example}."
        ) from None
    if "\\" in address:
        raise ClassLinkError(
            f"The {what} address {address!r} has a backslash (\\): web addresses use '/'. "
            f"Give it whole, for example {example}."
        )
    return parts


def _binder(repo: str, branch: str, path: str) -> str | None:
    """mybinder.org's link: ``gh/OWNER/REPO`` on GitHub, ``gl/<namespace/project>`` on
    GitLab.com, ``git/<whole address>`` for any other https host. Binder clones the public
    address itself, so an ssh, git or file address has no Binder link."""
    parts = urlsplit(repo)
    names = parts.path.strip("/").split("/")
    urlpath = quote("lab/tree/" + quote(path), safe="")
    ref = quote(branch, safe="")
    if _github(parts) and len(names) == 2:
        owner, name = names
        return f"{BINDER}/gh/{owner}/{name}/{ref}?urlpath={urlpath}"
    if parts.scheme != "https":
        return None
    if parts.netloc.lower() in ("gitlab.com", "www.gitlab.com") and len(names) >= 2:
        project = "/".join(names).removesuffix(".git")
        return f"{BINDER}/gl/{quote(project, safe='')}/{ref}?urlpath={urlpath}"
    return f"{BINDER}/git/{quote(repo, safe='')}/{ref}?urlpath={urlpath}"
