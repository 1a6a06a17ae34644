"""When the browser tests run: without a browser they skip locally, and fail in CI."""

import sys

import browser_lab
import pytest


@pytest.fixture
def no_chromium(monkeypatch, tmp_path):
    monkeypatch.setattr(browser_lab, "CHROMIUM", tmp_path / "chromium")


def test_missing_chromium_skips_with_the_install_command(no_chromium, monkeypatch):
    monkeypatch.delenv("KIT_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt install chromium"):
        browser_lab.require_browser()


def test_missing_chromium_fails_when_a_browser_is_required(no_chromium, monkeypatch):
    monkeypatch.setenv("KIT_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match=r"KIT_REQUIRE_BROWSER=1.*no Chromium"):
        browser_lab.require_browser()


def test_missing_playwright_is_named(monkeypatch, tmp_path):
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\n")
    chromium.chmod(0o755)
    monkeypatch.setattr(browser_lab, "CHROMIUM", chromium)
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)  # import fails
    assert "playwright" in browser_lab.missing_browser()


def test_browser_tests_are_marked_for_selection():
    """`make test PYTEST_ARGS="-m browser"` picks them (the README says so)."""
    import test_browser

    marks = {mark.name for mark in test_browser.pytestmark}
    assert "browser" in marks
