"""Open the HTML report in headless Chromium: it must load without errors, show every figure, and render
to a screenshot that is not blank.

    /usr/bin/python3 -m tests.analysis.browser_check [--report FOLDER/index.html | --gemeenten]
                                                     [--expect TEXT ...] [--screenshot FILE.png]

Without --report it writes the fixture result files and a report into a temporary folder first: on three
Den Haag buurten with their boundaries (maps per buurt), or with --gemeenten on wijken of three gemeenten
(maps per gemeente on ../shared's boundaries). Each --expect TEXT must appear in the page as rendered. The page
is probed through a copy with a small script added (the report itself stays script-free): on load the
script writes the image counts and any errors into <body data-*> attributes, read back with --dump-dom.
Exit status 0 when all checks pass, 1 otherwise (also when Chromium is missing: CI must install it).
"""

from __future__ import annotations

import argparse
import base64
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from matplotlib import image

from tests.analysis.report_checks import PNG_SIGNATURE

CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "chromium", "chromium-browser"]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage"]
WINDOW = (1280, 3000)  # tall enough for the decision summary, the cost-against-effect figure and the map
PROBE = """<script>
window.reportErrors = [];
window.addEventListener("error", function (event) {
  var target = event.target || {};
  window.reportErrors.push(event.message || ("failed to load " + (target.src || target.href || target.tagName)));
}, true);
window.addEventListener("load", function () {
  var images = Array.prototype.slice.call(document.images);
  var data = document.body.dataset;
  data.images = images.length;
  data.imagesShown = images.filter(function (img) { return img.complete && img.naturalWidth > 0; }).length;
  data.errors = window.reportErrors.join(" | ");
  data.ready = "yes";
});
</script>"""


class CheckFailed(Exception):
    pass


def find_chromium() -> str:
    for candidate in [os.environ.get("CHROMIUM", "")] + CHROMIUM_CANDIDATES:
        found = shutil.which(candidate) if candidate else None
        if found:
            return found
    raise CheckFailed("Chromium not found (looked for $CHROMIUM, " + ", ".join(CHROMIUM_CANDIDATES) +
                      "); install it (Debian: apt-get install chromium) to run the browser test")


def run_chromium(chromium: str, extra: list[str], page: Path, profile: Path) -> subprocess.CompletedProcess:
    command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()]
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=180)
    except subprocess.TimeoutExpired:
        raise CheckFailed(f"Chromium did not finish within 180 s: {' '.join(command)}") from None


def check_static(html: str) -> int:
    """Every figure is an embedded PNG and nothing is fetched from elsewhere; returns the number of images."""
    sources = re.findall(r"<img\b[^>]*\bsrc=\"([^\"]*)\"", html)
    if not sources:
        raise CheckFailed("the report has no <img> elements")
    for number, source in enumerate(sources, start=1):
        prefix = "data:image/png;base64,"
        if not source.startswith(prefix):
            raise CheckFailed(f"image {number} is not an embedded PNG: {source[:60]}")
        if not base64.b64decode(source[len(prefix):], validate=True).startswith(PNG_SIGNATURE):
            raise CheckFailed(f"image {number}: the data URI does not decode to a PNG")
    external = re.findall(r"<(?:script|link|iframe)\b[^>]*\b(?:src|href)=|url\(", html)
    if external:
        raise CheckFailed(f"the report loads external resources: {external[:3]}")
    return len(sources)


def check_rendered_dom(chromium: str, report_html: str, expected_images: int, expected_texts: list[str],
                       workdir: Path) -> None:
    probed = workdir / "probed.html"
    probed.write_text(report_html.replace("<head>", "<head>" + PROBE, 1), encoding="utf-8")
    result = run_chromium(chromium, ["--dump-dom", "--virtual-time-budget=10000"], probed, workdir / "dom-profile")
    body = re.search(r"<body\b([^>]*)>", result.stdout)
    if result.returncode != 0 or body is None:
        raise CheckFailed(f"Chromium --dump-dom failed (exit {result.returncode}): {result.stderr[-2000:]}")
    data = dict(re.findall(r"data-([a-z-]+)=\"([^\"]*)\"", body.group(1)))
    if data.get("ready") != "yes":
        raise CheckFailed(f"the page never finished loading (body attributes: {body.group(1)[:300]})")
    if data.get("errors"):
        raise CheckFailed(f"errors while loading the page: {data['errors']}")
    shown = int(data.get("images-shown", -1))
    if int(data.get("images", -1)) != expected_images or shown != expected_images:
        raise CheckFailed(f"expected {expected_images} figures shown, the browser counted {data.get('images')} "
                          f"images of which {shown} rendered")
    missing = [text for text in expected_texts if text not in result.stdout]
    if missing:
        raise CheckFailed(f"not in the rendered page: {missing}")


def check_screenshot(chromium: str, report: Path, screenshot: Path, workdir: Path) -> None:
    screenshot.unlink(missing_ok=True)
    result = run_chromium(chromium, [f"--screenshot={screenshot.resolve()}", f"--window-size={WINDOW[0]},{WINDOW[1]}",
                                     "--hide-scrollbars"], report, workdir / "shot-profile")
    if result.returncode != 0 or not screenshot.is_file():
        raise CheckFailed(f"no screenshot written (exit {result.returncode}): {result.stderr[-2000:]}")
    pixels = image.imread(screenshot)
    if pixels.shape[1] != WINDOW[0] or pixels.shape[0] != WINDOW[1]:
        raise CheckFailed(f"screenshot is {pixels.shape[1]}x{pixels.shape[0]}, expected {WINDOW[0]}x{WINDOW[1]}")
    # A page that failed to render is one flat colour; text, tables and figures make many distinct rows.
    distinct_rows = len(np.unique(pixels[:, :, :3].round(2).reshape(WINDOW[1], -1), axis=0))
    if distinct_rows < 200:
        raise CheckFailed(f"screenshot looks blank: only {distinct_rows} distinct pixel rows")


def fixture_report(folder: Path, gemeenten: bool) -> Path:
    """The fixture scenarios on three real Den Haag buurt codes with the hand-made boundaries (a map per buurt),
    or on wijken of three gemeenten (a map per gemeente)."""
    from analysis.load import load_runs
    from analysis.report import write_report
    from tests.analysis.make_fixture import (DEN_HAAG_BOUNDARIES, DEN_HAAG_CODES, THREE_GEMEENTEN_CODES,
                                             rename_buurten, write_standard_set)

    codes = THREE_GEMEENTEN_CODES if gemeenten else DEN_HAAG_CODES
    runs = load_runs(rename_buurten(write_standard_set(folder / "results"), codes))
    return write_report(runs, folder / "report", boundaries=None if gemeenten else DEN_HAAG_BOUNDARIES)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--report", type=Path, help="the index.html to check (default: build one from fixtures)")
    parser.add_argument("--gemeenten", action="store_true",
                        help="build the report on wijken of three gemeenten (maps per gemeente)")
    parser.add_argument("--expect", action="append", default=[], metavar="TEXT",
                        help="a text the rendered page must contain (repeatable)")
    parser.add_argument("--screenshot", type=Path, default=Path("analysis_report_screenshot.png"),
                        help="where to save the screenshot (default: %(default)s)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wijksim-browser-") as temporary:
        workdir = Path(temporary)
        try:
            chromium = find_chromium()
            report = args.report or fixture_report(workdir, args.gemeenten)
            html = report.read_text(encoding="utf-8")
            expected_images = check_static(html)
            check_rendered_dom(chromium, html, expected_images, args.expect, workdir)
            check_screenshot(chromium, report, args.screenshot, workdir)
        except CheckFailed as failure:
            print(f"browser check FAILED: {failure}", file=sys.stderr)
            return 1
    print(f"browser check passed: {expected_images} figures rendered; screenshot {args.screenshot.resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
