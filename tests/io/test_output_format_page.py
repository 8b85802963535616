"""docs/output-format.md against a file the real executable (WIJKSIM_BIN) has just written: the page names
the format_version the engine writes (title, root-attribute table, *Versions*), its root-attribute table
lists exactly the file's root attributes with their types, every path of *Quick overview* and every
dimension scale the page names is in the file, and every object at the file's root is on the page. The
generated parts of the page are checked against the declarations by test_metrics; this test covers the
hand-written parts, which a merge once silently rolled back to an older format_version.
"""

import itertools
import os
import re
import subprocess
import tempfile
import unittest
from pathlib import Path

import h5py
import numpy as np

REPO = Path(__file__).resolve().parents[2]
WIJKSIM = os.environ.get("WIJKSIM_BIN", str(REPO / "build" / "wijksim"))
PAGE = REPO / "docs" / "output-format.md"
SMALL_SCENARIO = REPO / "tests" / "experiment" / "data" / "small_base.json"
ATTRIBUTE_TYPES = {"int64": np.int64, "uint64": np.uint64, "string": str}


def section(text, heading):
    """The body of the `## heading` section of the page."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, flags=re.S | re.M)
    if match is None:
        raise AssertionError(f"{PAGE} has no section '## {heading}'")
    return match[1]


def table_rows(text):
    """The cells of each row of the first markdown table in `text`, header and rule left out."""
    lines = text.splitlines()
    start = next(number for number, line in enumerate(lines) if line.startswith("|"))
    rows = itertools.takewhile(lambda line: line.startswith("|"), lines[start + 2:])
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


def quick_overview_paths(text):
    """The paths of the *Quick overview* block, each cut before its first placeholder (`<name>`)."""
    block = re.search(r"```\n(.*?)```", section(text, "Quick overview"), flags=re.S)[1]
    paths = []
    for line in block.splitlines():
        first_column = re.split(r"\s{2,}", line.strip())[0]
        for token in first_column.split():
            if token.startswith("/"):
                paths.append(token.rstrip(",").split("<")[0].rstrip("/") or "/")
    return paths


class OutputFormatPageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory()
        cls.result = Path(cls.folder.name) / "page.h5"
        # Inviting opens processes, so the run has decisions as well as initiatives.
        subprocess.run([WIJKSIM, "run", str(SMALL_SCENARIO), "--replicates", "1", "--horizon", "20",
                        "--set", "government.role=inviting", "-o", str(cls.result)],
                       check=True, capture_output=True)
        cls.file = h5py.File(cls.result, "r")
        cls.page = PAGE.read_text(encoding="utf-8")

    @classmethod
    def tearDownClass(cls):
        cls.file.close()
        cls.folder.cleanup()

    def test_the_page_names_the_format_version_the_engine_writes(self):
        written = int(self.file.attrs["format_version"])
        title = re.match(r"# The wijksim result file \(format_version (\d+)\)\n", self.page)
        self.assertIsNotNone(title, "the page's first line names no format_version")
        self.assertEqual(int(title[1]), written, "the title")
        row = next(row for row in table_rows(section(self.page, "Root attributes")) if row[0] == "`format_version`")
        self.assertRegex(row[2], rf"`{written}` for this page", "the root-attribute table")
        versions = section(self.page, "Versions")
        self.assertRegex(versions, rf"(?m)^- \*\*{written}\*\* \(current\)", "the current entry of *Versions*")
        listed = [int(number) for number in re.findall(r"(?m)^- \*\*(\d+)\*\*", versions)]
        self.assertEqual(listed, list(range(written, 0, -1)), "*Versions* has one entry per version, newest first")

    def test_the_root_attribute_table_lists_the_files_root_attributes(self):
        documented = {row[0].strip("`"): row[1] for row in table_rows(section(self.page, "Root attributes"))}
        self.assertEqual(sorted(documented), sorted(self.file.attrs))
        for name, kind in documented.items():
            with self.subTest(attribute=name):
                self.assertIsInstance(self.file.attrs[name], ATTRIBUTE_TYPES[kind])

    def test_every_quick_overview_path_is_in_the_file(self):
        paths = quick_overview_paths(self.page)
        self.assertIn("/tick", paths)  # the parser found the block
        for path in paths:
            with self.subTest(path=path):
                self.assertIn(path, self.file)

    def test_the_named_dimension_scales_are_the_files(self):
        dimensions = section(self.page, "Dimensions")
        named = set(re.findall(r"`/(\w+)`", dimensions))
        generated = {row[0].strip("`") for row in table_rows(self.page.split("The dimensions, each", 1)[1])}
        scales = {name for name, item in self.file.items()
                  if isinstance(item, h5py.Dataset) and item.attrs.get("CLASS") == b"DIMENSION_SCALE"}
        self.assertLessEqual(named, scales, "scales named in *Dimensions* but missing from the file")
        self.assertEqual(generated, scales, "the generated dimension table against the file's scales")
        groups = {name for name, item in self.file.items() if isinstance(item, h5py.Group)}
        self.assertEqual(set(self.file) - scales - groups, set(), "root datasets that are not dimension scales")
        overview = quick_overview_paths(self.page)
        unlisted = {name for name in groups if not any(path.split("/")[1] == name for path in overview)}
        self.assertEqual(unlisted, set(), "root groups missing from *Quick overview*")


if __name__ == "__main__":
    unittest.main()
