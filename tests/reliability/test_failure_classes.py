"""One regression test per failure class found by fuzzing and fault injection (issue #14, listed in
docs/reliability.md). Each runs the real executable (or the analysis package) on the input that used to
crash it, hang, exit 1, or give a misleading answer, and checks the promise: exit status 2 with a message
naming the file (and JSON path), or a clear message and nothing half-written when the disk fills."""
import json
import os
import resource
import shutil
import signal
import stat
import subprocess
import tempfile
import unittest
from pathlib import Path

import h5py

REPO = Path(__file__).resolve().parents[2]
WIJKSIM = str(Path(os.environ.get("WIJKSIM_BIN", REPO / "build" / "wijksim")).resolve())
BENCH_ENGINE = str(Path(os.environ.get("BENCH_ENGINE_BIN", REPO / "build" / "benchmarks" / "bench_engine")).resolve())
SMALL = REPO / "tests" / "experiment" / "data" / "small_base.json"
UTRECHT = REPO.parent / "shared" / "data" / "cbs-kwb" / "utrecht_2019_84583NED_reduced.csv"


def wijksim(*args, cwd=None, timeout=120, **kwargs):
    return subprocess.run([WIJKSIM, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=timeout,
                          **kwargs)


def file_size_limit(limit_bytes):
    """For preexec_fn: writes beyond limit_bytes fail with EFBIG (SIGXFSZ ignored) - a full disk, unprivileged."""
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))
    return apply


class Scratch(unittest.TestCase):
    def setUp(self):
        self._folder = tempfile.TemporaryDirectory()
        self.folder = Path(self._folder.name)

    def tearDown(self):
        self._folder.cleanup()

    def write_json(self, name, document):
        path = self.folder / name
        path.write_text(json.dumps(document))
        return path

    def small(self, **changes):
        document = json.loads(SMALL.read_text())
        document.update(changes)
        return document

    def assertRefused(self, result, *phrases):
        """Exit 2, one message line naming what it must; never 'internal error'."""
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertNotIn("internal error", result.stderr)
        for phrase in phrases:
            self.assertIn(phrase, result.stderr)

    def leftovers(self):
        return sorted(path.name for path in self.folder.iterdir() if ".tmp-" in path.name or path.name.endswith(".creating"))


class Class01DiskFullWhileWriting(Scratch):
    """A full disk during `run` and `experiment`: a clear message, non-zero exit, no temporary file, the
    previous target intact (RLIMIT_FSIZE stands in for a full disk; it needs no privileges)."""

    def test_run_on_a_full_disk_keeps_the_previous_result(self):
        scenario = self.write_json("small.json", self.small())
        out = self.folder / "out.h5"
        self.assertEqual(wijksim("run", scenario, "-o", out, "--threads", 1).returncode, 0)
        before = out.read_bytes()
        for limit in (4096, 20000, len(before) // 2):
            result = wijksim("run", scenario, "-o", out, "--overwrite", "--seed", 5, "--threads", 1,
                             preexec_fn=file_size_limit(limit))
            self.assertNotEqual(result.returncode, 0, limit)
            self.assertGreater(result.returncode, 0, f"killed by a signal at limit {limit}: {result.stderr}")
            self.assertIn("cannot write", result.stderr)
            self.assertIn("file size limit", result.stderr)
            self.assertIn("unchanged", result.stderr)
            self.assertNotIn("internal error", result.stderr)
            self.assertEqual(self.leftovers(), [])
            self.assertEqual(out.read_bytes(), before)

    def test_run_on_a_really_full_disk(self):
        """The same on a small tmpfs filled up (writes fail with ENOSPC); needs root to mount, else skipped."""
        disk = self.folder / "disk"
        disk.mkdir()
        mounted = os.geteuid() == 0 and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], capture_output=True).returncode == 0
        if not mounted:
            self.skipTest("mounting a tmpfs needs root")
        try:
            scenario = self.write_json("small.json", self.small())
            out = disk / "out.h5"
            self.assertEqual(wijksim("run", scenario, "-o", out, "--threads", 1).returncode, 0)
            before = out.read_bytes()
            filler = disk / "filler"
            with open(filler, "wb") as stream:  # leave about 40 KB free
                stream.write(bytes(os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize - 40_000))
            result = wijksim("run", scenario, "-o", out, "--overwrite", "--seed", 5, "--threads", 1)
            self.assertGreater(result.returncode, 0, result.stderr)
            self.assertIn("the disk is full", result.stderr)
            self.assertNotIn("internal error", result.stderr)
            self.assertEqual(sorted(path.name for path in disk.iterdir()), ["filler", "out.h5"])
            self.assertEqual(out.read_bytes(), before)
        finally:
            subprocess.run(["umount", str(disk)], check=True)

    def test_experiment_on_a_full_disk_keeps_the_previous_result_and_resumes(self):
        base = self.write_json("small_base.json", self.small())
        experiment = self.write_json("roles.json", {
            "name": "roles", "base": "small_base.json", "replicates": 1, "seed": 3,
            "scenarios": [{"name": "top_down", "overrides": {"government.role": "top_down"}},
                          {"name": "inviting", "overrides": {"government.role": "inviting"}}]})
        del base
        out = self.folder / "roles.h5"
        self.assertEqual(wijksim("experiment", experiment, "-o", out, "--threads", 1).returncode, 0)
        before = out.read_bytes()
        for limit in (4096, len(before) // 2):
            result = wijksim("experiment", experiment, "-o", out, "--overwrite", "--threads", 1,
                             preexec_fn=file_size_limit(limit))
            self.assertGreater(result.returncode, 0, f"limit {limit}: {result.stderr}")
            self.assertIn("cannot", result.stderr)
            self.assertIn("file size limit", result.stderr)
            self.assertNotIn("internal error", result.stderr)
            self.assertEqual(self.leftovers(), [])
            self.assertEqual(out.read_bytes(), before)
            partial = Path(str(out) + ".partial")
            if partial.exists():  # the runs written so far are kept for --resume, as the message says
                self.assertIn("--resume", result.stderr)
                partial.unlink()


class Class02FourThousandBuurtenOrMore(Scratch):
    def test_a_run_over_5000_buurten_writes_and_reads_its_per_buurt_series(self):
        scenario = self.write_json("many.json", self.small(horizon_ticks=1, municipality={"buurt_types": [
            {"name": "a", "count": 5000, "residents": 1}]}))
        out = self.folder / "many.h5"
        result = wijksim("run", scenario, "-o", out, "--threads", 2)
        self.assertEqual(result.returncode, 0, result.stderr)
        with h5py.File(out, "r") as h5:
            self.assertEqual(len(h5["timeseries/participation/by_buurt"].attrs["columns"]), 5000)
        self.assertEqual(wijksim("info", out).returncode, 0)


class Class03CorruptedResultFiles(Scratch):
    def setUp(self):
        super().setUp()
        self.intact = self.folder / "intact.h5"
        self.assertEqual(wijksim("run", self.write_json("s.json", self.small()), "-o", self.intact).returncode, 0)

    def damaged_copy(self, offset, name="damaged.h5"):
        data = bytearray(self.intact.read_bytes())
        data[offset % len(data)] ^= 0x10
        path = self.folder / name
        path.write_bytes(bytes(data))
        return path

    def test_single_byte_flips_are_refused_by_info_and_analysis(self):
        from analysis.load import ResultFileError, load_run
        size = self.intact.stat().st_size
        for offset in (20, 600, 2048, size // 3, size // 2, size - 10):
            damaged = self.damaged_copy(offset)
            result = wijksim("info", damaged)
            self.assertRefused(result, str(damaged), "damaged")
            with self.assertRaises(ResultFileError):
                load_run(damaged)

    def test_datasets_carry_fletcher32_checksums_and_info_says_it_verified_them(self):
        with h5py.File(self.intact, "r") as h5:
            self.assertTrue(h5["timeseries/participation/overall"].fletcher32)
            self.assertTrue(h5["tick"].fletcher32)
        self.assertIn("checksum       verified", wijksim("info", self.intact).stdout)

    def test_a_truncated_file_is_refused(self):
        truncated = self.folder / "short.h5"
        truncated.write_bytes(self.intact.read_bytes()[:-100])
        self.assertRefused(wijksim("info", truncated), "damaged")

    def test_analysis_compare_names_the_damaged_file(self):
        damaged = self.damaged_copy(self.intact.stat().st_size // 2)
        result = subprocess.run(["/usr/bin/python3", "-m", "analysis", "compare", str(self.intact), str(damaged)],
                                capture_output=True, text=True, cwd=REPO)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn(str(damaged), result.stderr)
        self.assertNotIn("Traceback", result.stderr)


class Class04CbsCountsBeyondInt(Scratch):
    def table_with_inhabitants(self, count):
        lines = UTRECHT.read_text(encoding="utf-8-sig").split("\n")
        header = lines[0].split(";")
        column = header.index('"AantalInwoners_5"')
        for row, line in enumerate(lines):
            if "BU03440831" in line:
                fields = line.split(";")
                fields[column] = f'"{count}"'
                lines[row] = ";".join(fields)
        table = self.folder / "table.csv"
        table.write_text("\n".join(lines))
        return self.write_json("cbs.json", self.small(municipality={
            "cbs": {"file": str(table), "buurten": ["BU03440831", "BU03440832"]}}))

    def test_counts_beyond_what_a_buurt_can_hold_are_refused_by_validate(self):
        for count in (2 ** 31, 2 ** 33, 1_500_000):
            result = wijksim("validate", self.table_with_inhabitants(count))
            self.assertRefused(result, "table.csv", "BU03440831", "at most 1000000")


class Class05DeeplyNestedJson(Scratch):
    def test_deep_nesting_in_an_extending_file_is_refused(self):
        self.write_json("small.json", self.small())
        for opener, closer in (('{"a":', "}"), ("[", "]")):
            deep = self.folder / "deep.json"
            deep.write_text('{"extends": "small.json", "x": ' + opener * 132000 + "1" + closer * 132000 + "}")
            result = wijksim("validate", deep)
            self.assertRefused(result, "deep.json", "line 1", "nesting deeper than 64")


class Class06UnboundedReads(Scratch):
    def test_extends_or_cbs_file_naming_an_endless_file_is_refused_at_once(self):
        for key, document in (("extends", {"extends": "/dev/zero"}),
                              ("municipality.cbs.file", self.small(municipality={"cbs": {"file": "/dev/zero"}}))):
            result = wijksim("validate", self.write_json("endless.json", document), timeout=20)
            self.assertRefused(result, "/dev/zero", "not a regular file")

    def test_a_huge_scenario_file_is_refused(self):
        huge = self.folder / "huge.json"
        with open(huge, "w") as stream:
            stream.write('{"name": "' + "x" * (17 << 20) + '"}')
        self.assertRefused(wijksim("validate", huge), "huge.json", "MiB")


class Class07ExitTwoWithFileAndPath(Scratch):
    def test_a_number_beyond_a_double(self):
        path = self.folder / "big.json"
        path.write_text(SMALL.read_text().replace('"seed": 7', '"seed": 1e309'))
        self.assertRefused(wijksim("validate", path), "big.json", "line 4", "at seed", "1e309")

    def test_extends_naming_too_long_a_file_or_stdin(self):
        for target in ("a" * 300 + ".json", "/dev/stdin"):
            result = wijksim("validate", self.write_json("long.json", {"extends": target}), stdin=subprocess.DEVNULL)
            self.assertRefused(result, "long.json", "at extends")

    def test_more_residents_than_a_run_can_number(self):
        scenario = self.write_json("big.json", self.small(municipality={"buurt_types": [
            {"name": "a", "count": 5000, "residents": 1000000}]}))
        self.assertRefused(wijksim("validate", scenario), "big.json", "at municipality.buurt_types", "4294967294")

    def test_empty_output_name_fails_before_the_run(self):
        result = wijksim("run", SMALL, "-o", "", timeout=10)
        self.assertRefused(result, "output path is empty")

    def test_experiment_output_or_partial_exists_or_file_changed(self):
        self.write_json("small_base.json", self.small())
        spec = {"name": "e", "base": "small_base.json", "replicates": 1,
                "scenarios": [{"name": "a", "overrides": {}}]}
        experiment = self.write_json("e.json", spec)
        out = self.folder / "e.h5"
        self.assertEqual(wijksim("experiment", experiment, "-o", out, "--threads", 1).returncode, 0)
        self.assertRefused(wijksim("experiment", experiment, "-o", out), "e.h5", "exists")
        partial = Path(str(out) + ".partial")
        shutil.copy(out, partial)
        self.assertRefused(wijksim("experiment", experiment, "-o", out), "e.h5.partial", "--resume")
        spec["seed"] = 99
        self.write_json("e.json", spec)
        self.assertRefused(wijksim("experiment", experiment, "-o", out, "--resume"), "different experiment")

    def test_a_factorial_design_of_a_billion_runs(self):
        self.write_json("small_base.json", self.small())
        experiment = self.write_json("f.json", {
            "name": "f", "base": "small_base.json", "design": {"method": "factorial", "levels": 1000, "parameters": [
                {"path": "seed", "min": 0, "max": 10}, {"path": "replicates", "min": 1, "max": 2, "integer": True},
                {"path": "horizon_ticks", "min": 1, "max": 5, "integer": True}]}})
        self.assertRefused(wijksim("experiment", experiment, "-o", self.folder / "f.h5", timeout=20),
                           "f.json", "at design", "1000000000 runs")


class Class08OverwriteReplacesOnlyRegularFiles(Scratch):
    def test_the_input_scenario_a_fifo_a_link_and_a_device_are_not_replaced(self):
        scenario = self.write_json("s.json", self.small())
        original = scenario.read_bytes()
        self.assertRefused(wijksim("run", scenario, "-o", scenario, "--overwrite"), "inputs")
        self.assertEqual(scenario.read_bytes(), original)
        fifo = self.folder / "pipe.h5"
        os.mkfifo(fifo)
        self.assertRefused(wijksim("run", scenario, "-o", fifo, "--overwrite", timeout=20), "not a regular file")
        self.assertTrue(stat.S_ISFIFO(fifo.lstat().st_mode))
        link = self.folder / "link.h5"
        link.symlink_to(scenario)
        self.assertRefused(wijksim("run", scenario, "-o", link, "--overwrite"), "symbolic link")
        result = wijksim("run", scenario, "-o", "/dev/null", "--overwrite")
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertTrue(stat.S_ISCHR(os.stat("/dev/null").st_mode))


class Class09NulInPaths(Scratch):
    def test_a_nul_in_extends_or_cbs_file_is_refused_and_shown(self):
        (self.folder / "small.json").write_text(SMALL.read_text())
        for key, document in (("at extends", {"extends": "small.json\u0000.txt"}),
                              ("at municipality.cbs.file",
                               self.small(municipality={"cbs": {"file": "small.json\u0000x"}}))):
            result = wijksim("validate", self.write_json("nul.json", document))
            self.assertRefused(result, "nul.json", key, "\\x00", "NUL")


class Class10NoRunThatCannotFit(Scratch):
    def test_runs_beyond_free_memory_are_refused_before_running(self):
        base = REPO / "scenarios" / "base.json"
        result = wijksim("run", base, "-o", self.folder / "x.h5", "--replicates", 100000, timeout=30)
        self.assertRefused(result, "memory", "--no-memory-check")
        self.assertEqual(list(self.folder.iterdir()), [])
        validated = wijksim("validate", base)
        self.assertEqual(validated.returncode, 0)
        self.assertIn("estimated peak memory", validated.stdout)

    def test_the_estimate_can_be_overridden(self):
        scenario = self.write_json("r.json", {"extends": str(REPO / "scenarios" / "base.json"), "replicates": 100000})
        self.assertRefused(wijksim("validate", scenario), "memory")
        self.assertEqual(wijksim("validate", scenario, "--no-memory-check").returncode, 0)


class Class11Experiments(Scratch):
    def make_experiment(self, seed):
        self.write_json("small_base.json", self.small())
        return self.write_json(f"e{seed}.json", {"name": "e", "base": "small_base.json", "replicates": 1, "seed": seed,
                                                 "scenarios": [{"name": "a", "overrides": {}}]})

    def test_resume_on_a_finished_file_of_another_experiment_is_refused(self):
        out = self.folder / "e.h5"
        self.assertEqual(wijksim("experiment", self.make_experiment(1), "-o", out, "--threads", 1).returncode, 0)
        self.assertRefused(wijksim("experiment", self.make_experiment(2), "-o", out, "--resume"), "another experiment")
        result = wijksim("experiment", self.make_experiment(1), "-o", out, "--resume")
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_analysis_of_a_partial_file_says_so(self):
        out = self.folder / "e.h5"
        self.assertEqual(wijksim("experiment", self.make_experiment(1), "-o", out, "--threads", 1).returncode, 0)
        partial = self.folder / "e.h5.partial"
        data = bytearray(out.read_bytes())
        data[:512] = bytes(512)  # what a file still being written looks like: no checksum yet
        partial.write_bytes(bytes(data))
        result = subprocess.run(["/usr/bin/python3", "-m", "analysis", "experiment", str(partial)],
                                capture_output=True, text=True, cwd=REPO)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("unfinished experiment", result.stderr)


class Class12MessagesPointAtTheCause(Scratch):
    def test_extends_naming_a_folder_a_csv_or_dev_null(self):
        for target, phrase in ((str(self.folder), "is a folder"), (str(UTRECHT), "named in 'extends' of"),
                               ("/dev/null", "not a regular file")):
            naming = self.write_json("child.json", {"extends": target})
            result = wijksim("validate", naming)
            self.assertRefused(result, phrase)
            self.assertIn(str(naming), result.stderr)

    def test_a_selected_code_missing_from_the_table_is_reported_at_the_scenario_key(self):
        scenario = self.write_json("cbs.json", self.small(municipality={
            "cbs": {"file": str(UTRECHT), "buurten": ["BU03440831", "BU03440839"]}}))
        result = wijksim("validate", scenario)
        self.assertRefused(result, "cbs.json", "at municipality.cbs.buurten[1]", "BU03440839")


class Class13AbsurdValues(Scratch):
    def test_euro_parameters_beyond_a_billion(self):
        for euros in (1e300, 1.7e308):
            scenario = self.write_json("euro.json", self.small(government={"role": "inviting", "levers": {
                "subsidy": euros}}))
            self.assertRefused(wijksim("validate", scenario), "euro.json", "government.levers.subsidy")
        path = self.folder / "inf.json"
        path.write_text(json.dumps(self.small(government={"role": "inviting", "levers": {"subsidy": 1}})).replace(
            '"subsidy": 1', '"subsidy": 1.8e308'))
        self.assertRefused(wijksim("validate", path), "inf.json", "government.levers.subsidy")

    def test_duplicate_json_keys(self):
        path = self.folder / "dup.json"
        path.write_text(SMALL.read_text().replace('"seed": 7,', '"seed": 7, "seed": 8,'))
        self.assertRefused(wijksim("validate", path), "dup.json", "at seed", "twice")

    def test_duplicate_csv_columns(self):
        lines = UTRECHT.read_text(encoding="utf-8-sig").split("\n")
        header = lines[0].split(";")
        header[5] = header[4]
        lines[0] = ";".join(header)
        table = self.folder / "dup.csv"
        table.write_text("\n".join(lines))
        scenario = self.write_json("cbs.json", self.small(municipality={"cbs": {"file": str(table)}}))
        self.assertRefused(wijksim("validate", scenario), "dup.csv", "twice")

    def test_negative_threads(self):
        self.assertRefused(wijksim("run", SMALL, "-o", self.folder / "x.h5", "--threads", -1), "--threads")

    def test_bench_engine_outside_the_repository(self):
        result = subprocess.run([BENCH_ENGINE, "--residents", "2000", "--ticks", "2", "--threads", "1"],
                                capture_output=True, text=True, cwd=self.folder, timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr)
        missing = subprocess.run([BENCH_ENGINE, "--scenario", "missing.json"], capture_output=True, text=True,
                                 cwd=self.folder, timeout=60)
        self.assertEqual(missing.returncode, 2)
        self.assertNotIn("terminate called", missing.stderr)

    def test_bench_engine_buurten_below_one_street(self):
        def bench(*extra):
            return subprocess.run([BENCH_ENGINE, "--residents", "3000", "--buurt-residents", "150", "--ticks", "2",
                                   "--threads", "1", *extra], capture_output=True, text=True, cwd=self.folder,
                                  timeout=120)
        below = bench()
        self.assertEqual(below.returncode, 0, below.stderr)
        row = json.loads(below.stdout)
        self.assertEqual((row["buurten"], row["buurten_below_street"]), (20, 20))
        one_street_each = json.loads(bench("--set", "initiatives.reach=150").stdout)
        self.assertEqual(one_street_each["buurten_below_street"], 0)
        misspelt = bench("--set", "initiatives.reech=150")
        self.assertEqual(misspelt.returncode, 2)
        self.assertIn("reach", misspelt.stderr)


if __name__ == "__main__":
    unittest.main()
