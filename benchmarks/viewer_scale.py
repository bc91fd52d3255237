"""How fast does the viewer open and respond for a large graph?  Run by hand:

    nice -n 10 .venv/bin/python benchmarks/viewer_scale.py [--concepts 2000] [--claims 4000]

Renders a seeded synthetic graph (tests/graph_factory.py) with
:func:`kg.export.html.write_html`, opens it in headless Debian Chromium through
Playwright and prints: render time in Python, page size, time from navigation
to ``window.kgReady`` (drawn and interactive), time for a category filter to
apply, time for "Show all" and time for a node click to fill the details panel.
The goal is: opened and interactive within 3 s for 2,000 concepts.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.export.html import write_html
from kg.export.screenshot import CHROMIUM_ARGS, chromium_path
from tests.graph_factory import synthetic_graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concepts", type=int, default=2000)
    parser.add_argument("--claims", type=int, default=4000)
    parser.add_argument("--top", type=int, default=400, help="top-N limit of the page")
    parser.add_argument("--repeat", type=int, default=3, help="page loads to time")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    graph = synthetic_graph(args.concepts, args.claims)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.html"
        start = time.perf_counter()
        write_html(graph, path, title="scale benchmark", top_n=args.top)
        render = time.perf_counter() - start
        print(f"graph: {args.concepts} concepts, {args.claims} claims (top-N {args.top})")
        print(f"render_html + write: {render:.2f} s, page {path.stat().st_size / 1e6:.1f} MB")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(chromium_path()), args=list(CHROMIUM_ARGS), headless=True
            )
            for run in range(args.repeat):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                errors: list[str] = []
                page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
                start = time.perf_counter()
                page.goto(path.as_uri(), wait_until="load")
                page.wait_for_function("window.kgReady === true", timeout=60_000)
                ready = time.perf_counter() - start
                timings = page.evaluate("window.kgTimings")
                counts = page.evaluate("window.kgVisibleCounts()")
                total = page.evaluate("window.kgNetwork.body.data.nodes.length")
                start = time.perf_counter()
                page.locator("[data-category='biolink:Gene']").uncheck()
                page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                filtered = time.perf_counter() - start
                start = time.perf_counter()
                page.locator("#kg-show-all").click()
                page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                show_all = time.perf_counter() - start
                after = page.evaluate("window.kgVisibleCounts()")
                box = page.locator("#mynetwork").bounding_box()
                node = page.evaluate("window.kgData.view.top ? window.kgData.view.top[0] : 'SYN:00000'")
                point = page.evaluate(
                    f"window.kgNetwork.canvasToDOM(window.kgNetwork.getPositions(['{node}'])['{node}'])"
                )
                start = time.perf_counter()
                page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
                # the click lands on the topmost node under the pointer: any node panel will do
                page.wait_for_function("document.querySelector('#kg-details h2') !== null")
                click = time.perf_counter() - start
                print(
                    f"load {run + 1}: ready {ready:.2f} s (in-page: script done "
                    f"{timings['filtered'] / 1000:.2f} s, drawn {timings['ready'] / 1000:.2f} s; "
                    f"{counts['nodes']} of {total} concepts shown); "
                    f"filter {filtered * 1000:.0f} ms; show all {show_all * 1000:.0f} ms "
                    f"({after['nodes']} shown); node click to panel {click * 1000:.0f} ms; "
                    f"page errors {len(errors)}"
                )
                page.close()
            browser.close()


if __name__ == "__main__":
    main()
