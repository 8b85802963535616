"""docs/scenario.schema.json accepts every shipped scenario file and still rejects what the loader rejects.

Validated with python3-jsonschema, as an editor would. Experiment files (scenarios/experiments, with a
"base") are another format and are left out.
"""
import json
import unittest
from pathlib import Path

import jsonschema

REPO = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((REPO / "docs" / "scenario.schema.json").read_text())


def scenario_files():
    files = sorted((REPO / "scenarios").rglob("*.json"))
    return [path for path in files if "base" not in json.loads(path.read_text())]


class ShippedScenarios(unittest.TestCase):
    def setUp(self):
        self.validator = jsonschema.Draft202012Validator(SCHEMA)

    def test_there_are_scenarios_of_every_kind(self):
        folders = {path.parent.name for path in scenario_files()}
        self.assertTrue({"scenarios", "cbs", "levers", "events"} <= folders, folders)

    def test_every_shipped_scenario_is_valid(self):
        for path in scenario_files():
            with self.subTest(path=str(path.relative_to(REPO))):
                errors = [f"{'.'.join(map(str, error.path))}: {error.message}"
                          for error in self.validator.iter_errors(json.loads(path.read_text()))]
                self.assertEqual(errors, [])

    def test_a_file_extending_a_cbs_scenario_need_not_repeat_its_file(self):
        self.assertTrue(self.validator.is_valid(
            {"extends": "den_haag.json", "municipality": {"cbs": {"scale": 0.5}}}))

    def test_what_the_loader_rejects_the_schema_rejects(self):
        for bad in ({"government": {"levers": {"comunity_worker_hours": 4}}},
                    {"replicates": 0},
                    {"government": {"role": "invitng"}},
                    {"municipality": {"buurt_types": [{"name": "a"}], "cbs": {"file": "x.csv"}}}):
            with self.subTest(bad=bad):
                self.assertFalse(self.validator.is_valid(bad))


if __name__ == "__main__":
    unittest.main()
