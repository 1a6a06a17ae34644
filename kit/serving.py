"""Serving a class: the links that put the kit in front of students, an nbgitpuller link for
a JupyterHub and a Binder link for a repository on GitHub.

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
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from .errors import ClassLinkError, describe

START_PAGE = "notebooks/00_start_here.ipynb"
DISTRIBUTION = "media-literacy-kit"
BINDER = "https://mybinder.org/v2/gh"
_REPO_SCHEMES = ("https", "http", "git", "ssh", "file")


@dataclass(frozen=True)
class ClassLinks:
    """The links for one repository, branch and page; ``binder`` is None off GitHub."""

    hub: str | None
    binder: str | None
    repo: str
    branch: str
    folder: str  # the folder nbgitpuller clones into, in each student's home
    path: str  # the page that opens, inside the repository

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
) -> ClassLinks:
    """The nbgitpuller link for ``hub`` and the Binder link for ``repo`` (a GitHub address).

    ``repo`` defaults to the kit's own repository address (``[project.urls] Repository``);
    ``path`` is the page that opens, relative to the repository.

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
    return ClassLinks(
        hub=hub_link,
        binder=_binder(repo, branch, path),
        repo=repo,
        branch=branch,
        folder=folder,
        path=path,
    )


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
    parts = urlsplit(repo)
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
    parts = urlsplit(address)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ClassLinkError(
            f"The hub address {address!r} is not a web address. Give it whole, starting with "
            "https:// (for example https://hub.example.edu)."
        )
    if parts.query or parts.fragment:
        raise ClassLinkError(
            f"The hub address {address!r} has a ?... or #... part. Give only the hub's address, "
            "for example https://hub.example.edu."
        )
    # People paste the address of a page on the hub: keep what comes before /hub/.
    prefix = re.split(r"/hub(?:/|$)", parts.path, maxsplit=1)[0].rstrip("/")
    return f"{parts.scheme}://{parts.netloc}{prefix}"


def _binder(repo: str, branch: str, path: str) -> str | None:
    parts = urlsplit(repo)
    names = parts.path.strip("/").split("/")
    if not _github(parts) or len(names) != 2:
        return None
    owner, name = names
    urlpath = quote("lab/tree/" + quote(path), safe="")
    return f"{BINDER}/{owner}/{name}/{quote(branch, safe='')}?urlpath={urlpath}"
