"""kit.class_links and `kit class-links`: the links that put the kit in front of a class.

The hub link's form is nbgitpuller's (its handlers read repo, branch and urlpath, and clone
into a folder named after the repository's last part); tests/test_jupyterhub.py follows one
on a real hub.
"""

from urllib.parse import parse_qs, urlsplit

import pytest

import kit
from kit import serving as links_module
from kit.cli import main

GITHUB = "https://github.com/teach-media/media-literacy-kit"
HUB = "https://hub.example.edu"


def test_hub_link_has_nbgitpullers_form_with_every_part_encoded():
    links = kit.class_links(hub=HUB, repo=GITHUB)
    assert links.hub == (
        "https://hub.example.edu/hub/user-redirect/git-pull"
        "?repo=https%3A%2F%2Fgithub.com%2Fteach-media%2Fmedia-literacy-kit"
        "&branch=main"
        "&urlpath=lab%2Ftree%2Fmedia-literacy-kit%2Fnotebooks%2F00_start_here.ipynb"
    )
    assert links.folder == "media-literacy-kit"
    # What the hub reads back is what we meant.
    query = parse_qs(urlsplit(links.hub).query)
    assert query == {
        "repo": [GITHUB],
        "branch": ["main"],
        "urlpath": ["lab/tree/media-literacy-kit/notebooks/00_start_here.ipynb"],
    }


def test_binder_link_opens_the_page_at_the_repository_root():
    links = kit.class_links(repo=GITHUB + ".git", branch="spring/2025")
    assert links.binder == (
        "https://mybinder.org/v2/gh/teach-media/media-literacy-kit/spring%2F2025"
        "?urlpath=lab%2Ftree%2Fnotebooks%2F00_start_here.ipynb"
    )
    assert links.hub is None
    assert links.repo == GITHUB and links.folder == "media-literacy-kit"


def test_a_page_with_a_space_is_a_url_path_inside_the_query():
    links = kit.class_links(hub=HUB, repo=GITHUB, path="exercises/ex 01.ipynb")
    # urlpath is itself a URL path: the space is %20 there, and %2520 once in the query.
    assert links.hub.endswith(
        "urlpath=lab%2Ftree%2Fmedia-literacy-kit%2Fexercises%2Fex%252001.ipynb"
    )
    assert parse_qs(urlsplit(links.hub).query)["urlpath"] == [
        "lab/tree/media-literacy-kit/exercises/ex%2001.ipynb"
    ]
    assert links.binder.endswith("?urlpath=lab%2Ftree%2Fexercises%2Fex%252001.ipynb")


@pytest.mark.parametrize(
    ("given", "base"),
    [
        ("https://hub.example.edu/", "https://hub.example.edu"),
        ("https://hub.example.edu/hub/home", "https://hub.example.edu"),
        ("https://hub.example.edu/hub/", "https://hub.example.edu"),
        ("  https://uni.example.edu/jupyter/hub/login  ", "https://uni.example.edu/jupyter"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("https://hubble.example.edu/hubs/", "https://hubble.example.edu/hubs"),
    ],
)
def test_the_hub_address_may_be_any_page_of_the_hub(given, base):
    link = kit.class_links(hub=given, repo=GITHUB).hub
    assert link.startswith(f"{base}/hub/user-redirect/git-pull?repo=")


def test_the_folder_is_the_repositorys_last_part_as_nbgitpuller_names_it():
    assert kit.class_links(repo="https://gitlab.example.org/a/b/kit-fork/").folder == "kit-fork"
    assert kit.class_links(repo="file:///srv/git/class-kit").folder == "class-kit"
    # Off GitHub the address stays as given, and so does nbgitpuller's folder name.
    assert kit.class_links(repo="https://git.example.org/kit.git").folder == "kit.git"
    # Off GitHub, mybinder.org's git/ form: the whole address, encoded.
    assert kit.class_links(repo="https://gitlab.example.org/a/kit").binder == (
        "https://mybinder.org/v2/git/https%3A%2F%2Fgitlab.example.org%2Fa%2Fkit/main"
        "?urlpath=lab%2Ftree%2Fnotebooks%2F00_start_here.ipynb"
    )


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        ({"hub": "hub.example.edu"}, "not a web address"),
        ({"hub": "ftp://hub.example.edu"}, "not a web address"),
        ({"hub": "https://hub.example.edu/?next=x"}, "?... or #..."),
        ({"hub": 8000}, "must be text"),
        ({"repo": "github.com/org/kit"}, "not one your students' servers can clone"),
        ({"repo": "https://github.com/"}, "should end with the repository's name"),
        (
            {"repo": "https://github.com/org/kit?tab=readme"},
            "should end with the repository's name",
        ),
        ({"branch": ""}, "a name such as 'main'"),
        ({"branch": "my branch"}, "is not a git branch name"),
        ({"branch": "main..dev"}, "is not a git branch name"),
        ({"path": "../secrets.ipynb"}, "inside the repository"),
        ({"path": "/etc/passwd"}, "inside the repository"),
        ({"path": "notebooks\\00_start_here.ipynb"}, "written with '/'"),
        ({"path": ""}, "must be a path"),
        # Each would end in a raw ValueError from urlsplit, or send students elsewhere.
        ({"hub": "https://[::1"}, "not a valid address"),
        ({"repo": "https://[::1/x/y"}, "not a valid address"),
        ({"hub": "https://hub.example.edu:99999"}, "not a valid address"),
        ({"hub": "https://evil.com\\@hub.edu"}, "backslash"),
        ({"hub": "https://evil.com@hub.edu"}, "user name or password"),
        ({"repo": "https://github.com\\org\\kit"}, "backslash"),
    ],
)
def test_bad_addresses_say_what_to_give(arguments, says):
    arguments = {"repo": GITHUB, **arguments}
    with pytest.raises(kit.ClassLinkError) as raised:
        kit.class_links(**arguments)
    assert says in str(raised.value)
    assert isinstance(raised.value, kit.KitError)


def test_the_repository_defaults_to_the_one_the_kit_declares(monkeypatch):
    monkeypatch.setattr(links_module, "default_repository", lambda: GITHUB)
    assert kit.class_links(hub=HUB).repo == GITHUB
    monkeypatch.setattr(links_module, "default_repository", lambda: None)
    with pytest.raises(kit.ClassLinkError, match=r"--repo https://github\.com/ORG/REPO"):
        kit.class_links(hub=HUB)


def test_default_repository_reads_the_installed_metadata(monkeypatch):
    from importlib import metadata

    class Declared:
        def get_all(self, name):
            assert name == "Project-URL"
            return ["Documentation, https://docs.example.org", f"Repository, {GITHUB}"]

    monkeypatch.setattr(metadata, "metadata", lambda name: Declared())
    assert links_module.default_repository() == GITHUB


def test_cli_prints_both_links(capsys):
    status = main(["class-links", "--hub", HUB, "--repo", GITHUB, "--open", "notebooks/"])
    out = capsys.readouterr().out
    assert status == 0
    assert "urlpath=lab%2Ftree%2Fmedia-literacy-kit%2Fnotebooks\n" in out
    assert "https://mybinder.org/v2/gh/teach-media/media-literacy-kit/main?urlpath=" in out
    assert "folder media-literacy-kit/ of their home" in out


def test_cli_bad_input_is_one_line_and_exit_2(capsys):
    assert main(["class-links", "--hub", "hub.example.edu", "--repo", GITHUB]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kit class-links: The hub address 'hub.example.edu'")
    assert len(err.strip().splitlines()) == 1


def test_cli_without_any_link_to_make_says_so(capsys):
    assert main(["class-links", "--repo", "ssh://git@gitlab.example.org/a/kit"]) == 2
    assert "give --hub" in capsys.readouterr().err


def test_binder_links_for_gitlab_and_any_https_host_and_none_for_ssh():
    gitlab = kit.class_links(repo="https://gitlab.com/teach/media/kit.git", branch="v1")
    assert gitlab.binder == (
        "https://mybinder.org/v2/gl/teach%2Fmedia%2Fkit/v1"
        "?urlpath=lab%2Ftree%2Fnotebooks%2F00_start_here.ipynb"
    )
    other = kit.class_links(repo="https://git.example.org/kit.git", path="notebooks/")
    assert other.binder == (
        "https://mybinder.org/v2/git/https%3A%2F%2Fgit.example.org%2Fkit.git/main"
        "?urlpath=lab%2Ftree%2Fnotebooks"
    )
    assert kit.class_links(repo="ssh://git@git.example.org/kit").binder is None
    assert kit.class_links(repo="file:///srv/git/class-kit").binder is None


def test_a_dot_git_folder_name_off_github_is_warned_with_the_address_to_give_instead():
    with pytest.warns(kit.KitWarning, match=r"called kit\.git/") as caught:
        links = kit.class_links(hub=HUB, repo="https://gitlab.com/x/kit.git")
    assert "--repo https://gitlab.com/x/kit for a folder called kit/" in str(caught[0].message)
    assert links.folder == "kit.git" and links.warnings == (str(caught[0].message),)


def _no_warnings(**arguments):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return kit.class_links(**arguments)


def test_a_page_missing_from_the_kits_own_checkout_is_warned(monkeypatch):
    monkeypatch.setattr(links_module, "default_repository", lambda: GITHUB)
    with pytest.warns(kit.KitWarning, match="not in the repository") as caught:
        links = kit.class_links(hub=HUB, repo=GITHUB + ".git", path="notebooks/01_readng.ipynb")
    assert "Did you mean notebooks/01_reading.ipynb?" in str(caught[0].message)
    assert links.hub is not None  # still a link: the page may be pushed later
    assert _no_warnings(hub=HUB, repo=GITHUB, path="notebooks/01_reading.ipynb").warnings == ()
    assert _no_warnings(hub=HUB, repo=GITHUB, path="notebooks").warnings == ()  # a folder


def test_a_page_is_checked_in_a_file_address_or_a_given_checkout(tmp_path):
    (tmp_path / "kit" / "notebooks").mkdir(parents=True)
    (tmp_path / "kit" / "notebooks" / "intro.ipynb").write_text("{}")
    local = (tmp_path / "kit").as_uri()
    assert _no_warnings(hub=HUB, repo=local, path="notebooks/intro.ipynb").warnings == ()
    with pytest.warns(kit.KitWarning, match="nope.ipynb is not in the repository"):
        kit.class_links(hub=HUB, repo=local, path="notebooks/nope.ipynb")
    other = "https://git.example.org/other/kit"  # not the kit's: checked only when told where
    assert _no_warnings(hub=HUB, repo=other, path="notebooks/nope.ipynb").warnings == ()
    with pytest.warns(kit.KitWarning, match="nope.ipynb is not in the repository"):
        kit.class_links(hub=HUB, repo=other, path="notebooks/nope.ipynb", checkout=tmp_path / "kit")


def test_cli_warns_on_stderr_and_still_prints_the_link(capsys, tmp_path):
    status = main(
        ["class-links", "--hub", HUB, "--repo", "https://gitlab.com/x/kit.git",
         "--open", "notebooks/nope.ipynb", "--checkout", str(tmp_path)]
    )  # fmt: skip
    captured = capsys.readouterr()
    assert status == 0 and "git-pull?repo=" in captured.out
    assert "https://mybinder.org/v2/gl/x%2Fkit/main" in captured.out
    warnings = [line for line in captured.err.splitlines() if line.startswith("Warning: ")]
    assert len(warnings) == 2 and len(captured.err.strip().splitlines()) == 2
    assert "notebooks/nope.ipynb is not in the repository" in captured.err
    assert "called kit.git/" in captured.err


def test_cli_malformed_ipv6_address_is_one_line_not_a_traceback(capsys):
    assert main(["class-links", "--hub", "https://[::1", "--repo", GITHUB]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kit class-links: The hub address") and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
