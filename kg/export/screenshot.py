"""Take a PNG screenshot of a viewer page in headless Chromium (through Playwright).

Used by ``kg viz --screenshot`` (the README picture) and the scale benchmark.
Playwright is a test dependency, not a runtime one: without it (or without
the browser) :class:`ScreenshotError` says what to install.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kg.io import atomic_write_bytes

__all__ = ["CHROMIUM_ARGS", "ScreenshotError", "chromium_path", "screenshot_html"]

CHROMIUM_ARGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""Flags for a quiet, offline headless run (also works as root)."""


class ScreenshotError(RuntimeError):
    """The browser or Playwright is missing, or the page did not get ready."""


def chromium_path() -> Path:
    """Chromium binary: ``$IL6KG_CHROMIUM`` or Debian's ``/usr/bin/chromium``."""
    return Path(os.environ.get("IL6KG_CHROMIUM", "/usr/bin/chromium"))


def screenshot_html(
    html_path: Path,
    png_path: Path,
    *,
    width: int = 1400,
    height: int = 900,
    timeout_ms: float = 60_000,
) -> None:
    """Open a viewer page, wait until its layout is done and save a screenshot.

    Parameters
    ----------
    html_path
        A page written by :func:`kg.export.html.write_html`.
    png_path
        Destination PNG (written atomically).
    width, height
        Viewport in CSS pixels.
    timeout_ms
        How long to wait for the page to report ``window.kgReady``.

    Raises
    ------
    ScreenshotError
        When Playwright or Chromium is missing, or the page does not get ready.
    """
    executable = chromium_path()
    if not executable.exists():
        raise ScreenshotError(f"Chromium not found at {executable} (install Debian's 'chromium')")
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise ScreenshotError("screenshots need Playwright: pip install 'il6-kg[test]'") from error
    with tempfile.TemporaryDirectory(prefix="il6kg-shot-") as tmp:
        shot = Path(tmp) / "page.png"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(executable), args=list(CHROMIUM_ARGS), headless=True
                )
                try:
                    page = browser.new_page(viewport={"width": width, "height": height})
                    page.goto(Path(html_path).resolve().as_uri(), wait_until="load")
                    page.wait_for_function("window.kgReady === true", timeout=timeout_ms)
                    page.screenshot(path=str(shot))
                finally:
                    browser.close()
        except PlaywrightError as error:
            raise ScreenshotError(f"the browser failed: {error}") from error
        atomic_write_bytes(Path(png_path), shot.read_bytes())
