"""The wijksim command line as a user meets it: help, validation, runs, bad input and kills.

Runs the real executable (WIJKSIM_BIN) in a temporary folder and checks exit statuses, messages
and the files left behind.
"""
import json
import os
import signal
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

import h5py
import numpy as np

from tests.io.read_with_h5py import check_result_file

REPO = Path(__file__).resolve().parents[2]
WIJKSIM = os.environ.get("WIJKSIM_BIN", str(REPO / "build" / "wijksim"))
SCENARIOS = REPO / "scenarios"


def wijksim(*args, cwd=None):
    return subprocess.run([WIJKSIM, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=600)


class Help(unittest.TestCase):
    def test_help_lists_commands_with_examples(self):
        result = wijksim("--help")
        self.assertEqual(result.returncode, 0)
        for word in ("run", "validate", "info", "Examples"):
            self.assertIn(word, result.stdout)

    def test_each_command_has_help(self):
        for command in ("run", "validate", "info", "compare"):
            result = wijksim(command, "--help")
            self.assertEqual(result.returncode, 0, command)
            self.assertIn("Usage: wijksim " + command, result.stdout)

    def test_unknown_command_is_a_usage_error(self):
        result = wijksim("simulate")
        self.assertEqual(result.returncode, 2)
        self.assertIn("unknown command", result.stderr)


class RunAndRead(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory()
        cls.out = Path(cls.folder.name) / "inviting.h5"
        cls.outcome = wijksim("run", SCENARIOS / "inviting.json", "-o", cls.out, "--horizon", 30,
                          "--replicates", 2, "--seed", 99)

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def test_run_succeeds_and_leaves_only_the_result(self):
        self.assertEqual(self.outcome.returncode, 0, self.outcome.stderr)
        self.assertEqual(sorted(p.name for p in Path(self.folder.name).iterdir()), ["inviting.h5"])

    def test_file_follows_the_layout_contract(self):
        self.assertEqual(check_result_file(str(self.out)), [])

    def test_file_carries_resolved_scenario_seed_version_and_commit(self):
        with h5py.File(self.out) as f:
            scenario = json.loads(f.attrs["scenario_json"])
            self.assertEqual(f.attrs["seed"], 99)
            self.assertEqual(scenario["seed"], 99)
            self.assertEqual(scenario["horizon_ticks"], 30)
            self.assertEqual(scenario["government"]["role"], "inviting")
            self.assertTrue(f.attrs["engine_version"])
            self.assertRegex(f.attrs["git_commit"], r"^([0-9a-f]{40}(-dirty)?|unknown)$")
            self.assertEqual(f["timeseries/participation/by_group"].shape, (2, 31, 15))
            self.assertTrue(np.all(f["timeseries/participation/overall"][:, 1:] > 0))

    def test_info_describes_the_file_in_words(self):
        result = wijksim("info", self.out)
        self.assertEqual(result.returncode, 0, result.stderr)
        for text in ("inviting", "seed", "participation/", "by_group", "decisions"):
            self.assertIn(text, result.stdout)

    def test_existing_file_is_kept_without_overwrite(self):
        before = self.out.read_bytes()
        result = wijksim("run", SCENARIOS / "inviting.json", "-o", self.out, "--horizon", 5)
        self.assertEqual(result.returncode, 2)
        self.assertIn("--overwrite", result.stderr)
        self.assertEqual(self.out.read_bytes(), before)

    def test_analysis_reads_real_output(self):
        compare = subprocess.run(["/usr/bin/python3", "-m", "analysis", "compare", str(self.out)],
                                 capture_output=True, text=True, cwd=REPO,
                                 env={**os.environ, "PYTHONPATH": str(REPO)})
        self.assertEqual(compare.returncode, 0, compare.stderr)
        self.assertIn("inviting", compare.stdout)


class BadInput(unittest.TestCase):
    """Each case: exit status 2, a message naming the file and what to fix, and no output file."""

    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.dir = Path(self.folder.name)

    def tearDown(self):
        self.folder.cleanup()

    def run_bad(self, text, *expected):
        scenario = self.dir / "bad.json"
        scenario.write_text(text)
        out = self.dir / "out.h5"
        result = wijksim("run", scenario, "-o", out)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("bad.json", result.stderr)
        for text_part in expected:
            self.assertIn(text_part, result.stderr)
        self.assertEqual([p.name for p in self.dir.iterdir()], ["bad.json"])
        return result.stderr

    def extending(self, body):
        return json.dumps({"extends": str(SCENARIOS / "base.json"), **body})

    def test_malformed_json_names_line_and_column(self):
        self.run_bad('{\n  "name": "x",\n  "seed": ,\n}', "line 3")

    def test_misspelt_key_suggests_the_right_one(self):
        self.run_bad(self.extending({"government": {"role": "inviting", "levers": {"comunity_worker_hours_per_1000": 4}}}),
                     "government.levers.comunity_worker_hours_per_1000", "community_worker_hours_per_1000")

    def test_wrong_type(self):
        self.run_bad(self.extending({"behaviour": {"peer_weight": "high"}}), "behaviour.peer_weight", "high")

    def test_out_of_range(self):
        self.run_bad(self.extending({"replicates": 0}), "replicates")

    def test_shares_that_do_not_sum_to_one(self):
        self.run_bad(self.extending({"government": {"role": "inviting", "levers": {
            "channel_mix": {"letter": 0.5, "online": 0.2, "door_to_door": 0, "housing_corporation": 0,
                            "community_worker": 0, "own_ties": 0}}}}), "channel_mix")

    def test_unknown_role(self):
        self.run_bad(self.extending({"government": {"role": "invitng"}}), "government.role", "inviting")

    def test_missing_file(self):
        out = self.dir / "out.h5"
        result = wijksim("run", self.dir / "nowhere.json", "-o", out)
        self.assertEqual(result.returncode, 2)
        self.assertIn("nowhere.json", result.stderr)
        self.assertFalse(out.exists())

    def test_validate_reports_the_same_problem(self):
        scenario = self.dir / "bad.json"
        scenario.write_text(self.extending({"seed": -1}))
        result = wijksim("validate", scenario)
        self.assertEqual(result.returncode, 2)
        self.assertIn("seed", result.stderr)

    def test_not_a_result_file(self):
        junk = self.dir / "junk.h5"
        junk.write_text("not hdf5")
        result = wijksim("info", junk)
        self.assertEqual(result.returncode, 2)
        self.assertIn("junk.h5", result.stderr)


class Settings(unittest.TestCase):
    """--set KEY.PATH=VALUE: applied before validation, checked like the file, kept in the resolved scenario."""

    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.dir = Path(self.folder.name)

    def tearDown(self):
        self.folder.cleanup()

    def test_settings_end_up_in_the_resolved_scenario(self):
        out = self.dir / "workers.h5"
        result = wijksim("run", SCENARIOS / "top_down.json", "-o", out, "--replicates", 1,
                         "--set", "government.levers.community_worker_hours_per_1000=16", "--set", "horizon_ticks=6",
                         "--set", "government.levers.rung=co_decide")
        self.assertEqual(result.returncode, 0, result.stderr)
        with h5py.File(out) as f:
            scenario = json.loads(f.attrs["scenario_json"])
        self.assertEqual(scenario["horizon_ticks"], 6)
        self.assertEqual(scenario["government"]["role"], "top_down")
        self.assertEqual(scenario["government"]["levers"]["community_worker_hours_per_1000"], 16)
        self.assertEqual(scenario["government"]["levers"]["rung"], "co_decide")

    def assert_rejected(self, setting, *expected):
        out = self.dir / "out.h5"
        result = wijksim("run", SCENARIOS / "top_down.json", "-o", out, "--set", setting)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        for text in expected:
            self.assertIn(text, result.stderr)
        self.assertEqual(list(self.dir.iterdir()), [])

    def test_a_misspelt_key_names_the_setting_and_suggests(self):
        self.assert_rejected("government.levers.comunity_worker_hours_per_1000=16",
                             "--set government.levers.comunity_worker_hours_per_1000=16", "top_down.json",
                             "unknown key", "did you mean 'community_worker_hours_per_1000'")

    def test_a_misspelt_section_suggests_the_section(self):
        self.assert_rejected("govrnment.role=inviting", "did you mean 'government'")

    def test_a_value_out_of_range_says_what_is_expected(self):
        self.assert_rejected("government.levers.invitation_reach=7", "government.levers.invitation_reach",
                             "expected", "found 7")

    def test_a_misspelt_choice_suggests_the_choice(self):
        self.assert_rejected("government.role=invitng", "did you mean 'inviting'")

    def test_a_setting_without_a_value(self):
        self.assert_rejected("horizon_ticks", "--set horizon_ticks", "KEY.PATH=VALUE")

    def test_validate_takes_settings(self):
        result = wijksim("validate", SCENARIOS / "base.json", "--set", "government.role=inviting",
                         "--set", "government.levers.community_worker_hours_per_1000=12")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("role inviting", result.stdout)
        self.assertIn("community workers 12 h/week", result.stdout)

    def test_validate_names_the_units_of_a_wijk_level_scenario(self):
        # Den Haag from the national tables: its units are its 43 wijken, not buurten.
        result = wijksim("validate", SCENARIOS / "cbs" / "netherlands.json", "--set",
                         'municipality.cbs.gemeenten=["GM0518"]', "--set", "municipality.cbs.scale=0.02")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("\n  43 wijken, ", result.stdout)
        self.assertRegex(result.stdout, r"scale: \d+ of 43 wijken .* although the real wijk holds one")


class Compare(unittest.TestCase):
    """wijksim compare: the alternatives with common random numbers, the decision summary and the report."""

    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory()
        cls.out = Path(cls.folder.name) / "roles"
        cls.result = wijksim("compare", SCENARIOS / "base.json", "--roles", "top_down,inviting", "-o", cls.out,
                             "--replicates", 2, "--horizon", 56, "--set", "municipality.buurt_types.0.count=1",
                             "--set", "municipality.buurt_types.1.count=1", "--set",
                             "municipality.buurt_types.2.count=1")

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def test_one_file_per_alternative_with_the_same_seed(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        seeds = []
        for role in ("top_down", "inviting"):
            with h5py.File(self.out / f"{role}.h5") as f:
                scenario = json.loads(f.attrs["scenario_json"])
                self.assertEqual(scenario["government"]["role"], role)
                self.assertEqual(scenario["name"], role)
                seeds.append(f.attrs["seed"])
        self.assertEqual(seeds[0], seeds[1])

    def test_prints_the_paired_decision_summary_against_the_first(self):
        self.assertIn("Decision summary against top_down", self.result.stdout)
        self.assertIn("paired 95% intervals", self.result.stdout)
        self.assertIn("cost per year, municipality (euro)", self.result.stdout)
        self.assertIn("Ranking on liveability gap", self.result.stdout)

    def test_writes_the_report(self):
        html = (self.out / "report" / "index.html").read_text()
        self.assertLess(html.index("Decision summary"), html.index("<figure"))

    def test_a_bad_role_runs_nothing(self):
        out = Path(self.folder.name) / "bad"
        result = wijksim("compare", SCENARIOS / "base.json", "--roles", "top_down,invitng", "-o", out)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("--roles: invitng", result.stderr)
        self.assertIn("did you mean 'inviting'", result.stderr)
        self.assertFalse(out.exists())

    def test_roles_or_vary_is_required(self):
        result = wijksim("compare", SCENARIOS / "base.json", "-o", Path(self.folder.name) / "none")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--roles or --vary", result.stderr)


class Kill(unittest.TestCase):
    """A run killed with SIGKILL never leaves a corrupt file under the requested name."""

    def test_kill_leaves_no_result_and_keeps_an_old_one(self):
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "base.h5"
            fresh = wijksim("run", SCENARIOS / "base.json", "-o", out, "--horizon", 3, "--replicates", 1)
            self.assertEqual(fresh.returncode, 0, fresh.stderr)
            before = out.read_bytes()
            for delay in (0.3, 1.0, 2.0):
                # 64 replicates take far longer than the longest delay, so the kill lands mid-run.
                process = subprocess.Popen([WIJKSIM, "run", str(SCENARIOS / "base.json"), "-o", str(out),
                                            "--overwrite", "--replicates", "64"],
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                time.sleep(delay)
                self.assertIsNone(process.poll(), f"the run ended before the kill at {delay}s")
                process.send_signal(signal.SIGKILL)
                process.wait()
                self.assertEqual(out.read_bytes(), before, f"killed after {delay}s")
            with h5py.File(out) as f:
                self.assertEqual(f.attrs["horizon_ticks"], 3)


if __name__ == "__main__":
    unittest.main()
