"""Drive the system's headless Chromium from tests through Playwright.

The Debian ``chromium`` package is used (``/usr/bin/chromium``); Playwright's
own browser downloads are never needed.  Typical use in a test module::

    from tests.browser import launch_chromium, open_page

    @pytest.fixture(scope="module")
    def chromium():
        with launch_chromium() as browser:
            yield browser

    def test_page(chromium, tmp_path):
        with open_page(chromium, tmp_path / "page.html") as view:
            view.page.wait_for_function("window.ready === true")
            view.assert_clean()

:func:`launch_chromium` skips the calling test (with the reason) when the
Chromium binary is missing; a missing ``playwright`` package is an error, as
it is a declared test dependency.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# One definition of the browser and its flags, shared with `kg viz --screenshot`.
from kg.export.screenshot import CHROMIUM_ARGS, chromium_path

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Error, Page

__all__ = [
    "CHROMIUM_ARGS",
    "PageView",
    "chromium_path",
    "launch_chromium",
    "open_page",
]


@contextmanager
def launch_chromium(*, timeout_ms: float = 60_000) -> Iterator[Browser]:
    """Start headless Chromium and close it afterwards.

    Parameters
    ----------
    timeout_ms
        Launch timeout in milliseconds.

    Yields
    ------
    playwright.sync_api.Browser
        The running browser.

    Notes
    -----
    Calls :func:`pytest.skip` when the binary does not exist, so use it from
    a fixture or a test.
    """
    executable = chromium_path()
    if not executable.exists():
        reason = f"Chromium not found at {executable} (install the Debian 'chromium' package)"
        if os.environ.get("IL6KG_REQUIRE_BROWSER"):
            pytest.fail(reason)  # CI installs it: a missing browser there is a failure
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(executable),
            args=list(CHROMIUM_ARGS),
            headless=True,
            timeout=timeout_ms,
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageView:
    """An open page plus the console errors and uncaught exceptions it produced.

    Attributes
    ----------
    page
        The Playwright page.
    console_errors
        Text of every ``console.error`` message (and failed resource loads).
    page_errors
        Messages of uncaught JavaScript exceptions.
    """

    page: Page
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        """Fail when the page logged a console error or threw an exception."""
        assert not self.page_errors, f"uncaught page errors: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"


@contextmanager
def open_page(
    browser: Browser,
    path: Path,
    *,
    viewport: tuple[int, int] = (1400, 900),
    timeout_ms: float = 30_000,
) -> Iterator[PageView]:
    """Open a local HTML file in a fresh browser context.

    Parameters
    ----------
    browser
        From :func:`launch_chromium`.
    path
        HTML file, opened through its ``file://`` URL.
    viewport
        Width and height in CSS pixels.
    timeout_ms
        Default timeout for waits on the page.

    Yields
    ------
    PageView
        The loaded page (``load`` event fired) with error collectors attached.
    """
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    try:
        page = context.new_page()
        page.set_default_timeout(timeout_ms)
        view = PageView(page)

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                view.console_errors.append(message.text)

        def on_page_error(error: Error) -> None:
            view.page_errors.append(str(error))

        page.on("console", on_console)
        page.on("pageerror", on_page_error)
        page.goto(Path(path).resolve().as_uri(), wait_until="load")
        yield view
    finally:
        context.close()
