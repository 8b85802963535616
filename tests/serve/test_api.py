"""The studio's HTTP API against a real `wijksim serve` on loopback: validation with the CLI's messages,
security (paths, Host, Origin, token, body size), the run queue (two runs, cancel, progress events) and a
server killed mid-run. Runs the executable in WIJKSIM_BIN with temporary results folders.
"""
import http.client
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
WIJKSIM = os.environ.get("WIJKSIM_BIN", str(REPO / "build" / "wijksim"))
LEVER = "government.levers.community_worker_hours_per_1000"
OWN_DATA = REPO / "tests" / "serve" / "data"
QUICK = {"place": {"scenario": "base.json"}, "replicates": 1, "horizon_ticks": 8, "seed": 3,
         "alternatives": [{"role": "top_down"}, {"role": "inviting", "set": {LEVER: 12}}]}
# About a minute of work: long enough to cancel or kill while it runs.
LONG = {**QUICK, "replicates": 8, "horizon_ticks": 1040, "alternatives": [{"role": "responsive"}]}


class Server:
    """`wijksim serve --port 0` in the background; its address from the line it prints."""

    def __init__(self, results: Path, *extra: str):
        self.process = subprocess.Popen([WIJKSIM, "serve", "--port", "0", "--results", str(results), *extra],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if "open http://" not in line:
            self.process.kill()
            raise RuntimeError(f"wijksim serve did not start: {line}{self.process.stderr.read()}")
        self.url = line.split("open ", 1)[1].strip()
        self.host = self.url.split("//", 1)[1].split("/", 1)[0]
        self.token = self.url.split("token=", 1)[1] if "token=" in self.url else None

    def request(self, method, path, body=None, headers=None, raw=None):
        connection = http.client.HTTPConnection(self.host, timeout=60)
        all_headers = {"Host": self.host}
        if body is not None or raw is not None:
            all_headers["Content-Type"] = "application/json"
        all_headers.update(headers or {})
        payload = raw if raw is not None else (json.dumps(body) if body is not None else None)
        connection.request(method, path, body=payload, headers=all_headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        try:
            parsed = json.loads(data) if data else None
        except ValueError:
            parsed = data.decode("utf-8", "replace")
        return response.status, parsed

    def wait_for(self, run_id, states=("done", "failed", "cancelled"), timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            status, run = self.request("GET", f"/api/runs/{run_id}")
            if status == 200 and run["state"] in states:
                return run
            time.sleep(0.2)
        raise AssertionError(f"run {run_id} did not reach {states} within {timeout} s")

    def stop(self, sig=signal.SIGTERM):
        if self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout=60)
        self.process.stdout.close()
        self.process.stderr.close()


class ServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory(prefix="wijksim-serve-test-")
        cls.results = Path(cls.folder.name) / "results"
        cls.server = Server(cls.results, "--own-data", str(OWN_DATA))

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.folder.cleanup()


class Validation(ServerTest):
    def test_malformed_json_is_a_400_naming_line_and_column(self):
        status, body = self.server.request("POST", "/api/validate", raw='{"place": {"scenario": "base.json"},,}')
        self.assertEqual(status, 400)
        self.assertIn("run request: malformed JSON", body["error"])

    def test_unknown_request_key_gets_a_suggestion(self):
        status, body = self.server.request("POST", "/api/validate", {**QUICK, "replicats": 2})
        self.assertEqual(status, 400)
        self.assertEqual(body["json_path"], "replicats")
        self.assertIn("did you mean 'replicates'?", body["error"])

    def test_unknown_scenario_key_gets_the_loaders_suggestion(self):
        request = {**QUICK, "alternatives": [{"role": "inviting", "set": {"government.levers.comunity_worker_hours_per_1000": 8}}]}
        status, body = self.server.request("POST", "/api/validate", request)
        self.assertEqual(status, 400)
        self.assertEqual(body["alternative"], 0)
        self.assertIn("unknown key", body["error"])
        self.assertIn("did you mean 'community_worker_hours_per_1000'?", body["error"])

    def test_out_of_range_lever_has_the_cli_message(self):
        request = {**QUICK, "alternatives": [{"role": "inviting", "set": {LEVER: -3}}]}
        status, body = self.server.request("POST", "/api/runs", request)
        self.assertEqual(status, 400)
        self.assertEqual((body["json_path"], body["found"]), (LEVER, "-3 (a number)"))
        # The CLI on a scenario file with the same value: the same message after the file name.
        with tempfile.TemporaryDirectory() as folder:
            scenario = Path(folder) / "bad.json"
            scenario.write_text(json.dumps({"extends": str(REPO / "scenarios" / "base.json"),
                                            "government": {"role": "inviting", "levers": {"community_worker_hours_per_1000": -3}}}))
            cli = subprocess.run([WIJKSIM, "validate", str(scenario)], capture_output=True, text=True)
        self.assertEqual(cli.returncode, 2)
        cli_message = cli.stderr.strip().removeprefix("wijksim: ").removeprefix(str(scenario))
        self.assertEqual(body["error"].removeprefix(body["file"]), cli_message)

    def test_out_of_range_request_values(self):
        for key, value in (("replicates", 0), ("horizon_ticks", 100000), ("seed", -1)):
            with self.subTest(key=key):
                status, body = self.server.request("POST", "/api/validate", {**QUICK, key: value})
                self.assertEqual(status, 400)
                self.assertEqual(body["json_path"], key)
                self.assertIn("expected", body["error"])

    def test_too_many_alternatives(self):
        status, body = self.server.request("POST", "/api/validate", {**QUICK, "alternatives": [{"role": "top_down"}] * 6})
        self.assertEqual(status, 400)
        self.assertIn("1 to 5 alternatives", body["error"])

    def test_run_too_large_for_the_server(self):
        # The engine's estimate of peak memory bounds a run (here 64 MiB: Den Haag at full size is above it).
        server = Server(self.results.parent / "small-results", "--max-run-memory", "64")
        try:
            request = {**QUICK, "place": {"gemeente": "GM0518", "scale": 1}, "replicates": 2}
            status, body = server.request("POST", "/api/validate", request)
            self.assertEqual((status, body["json_path"]), (400, "replicates"))
            self.assertIn("but this server allows only 64 MiB", body["error"])
            status, body = server.request("POST", "/api/validate", QUICK)
            self.assertEqual(status, 200, body)
        finally:
            server.stop()

    def test_own_boundaries_are_offered_and_served(self):
        status, places = self.server.request("GET", "/api/places")
        self.assertEqual(status, 200)
        self.assertIn("kanaleneiland_buurten.geojson", places["boundaries"])
        self.assertIn({"code": "GM0518", "name": "'s-Gravenhage", "residents": 566221}, places["gemeenten"])
        status, geo = self.server.request("GET", "/api/boundaries?file=kanaleneiland_buurten.geojson")
        self.assertEqual((status, len(geo["features"])), (200, 2))
        request = {**QUICK, "boundaries": "kanaleneiland_buurten.geojson"}
        self.assertEqual(self.server.request("POST", "/api/validate", request)[0], 200)
        status, body = self.server.request("POST", "/api/validate", {**QUICK, "boundaries": "../data/README.md"})
        self.assertEqual((status, body["json_path"]), (400, "boundaries"))

    def test_a_valid_request_reports_the_size(self):
        status, body = self.server.request("POST", "/api/validate", QUICK)
        self.assertEqual(status, 200, body)
        self.assertEqual(body["buurten"], 12)
        self.assertEqual(body["alternatives"], ["top_down", "inviting"])


class Security(ServerTest):
    def test_paths_outside_the_allowed_folders_are_refused(self):
        for named in ("../../etc/passwd", "/etc/passwd", "cbs/../../README.md", "..", "cbs/../../../shared/x.json"):
            with self.subTest(scenario=named):
                status, body = self.server.request("POST", "/api/validate", {**QUICK, "place": {"scenario": named}})
                self.assertEqual(status, 400)
                self.assertEqual(body["json_path"], "place.scenario")
                self.assertIn("no '..', no absolute path", body["error"])
        status, body = self.server.request("POST", "/api/validate", {**QUICK, "place": {"kwb": "../../../etc/passwd"}})
        self.assertEqual((status, body["json_path"]), (400, "place.kwb"))

    def test_url_paths_cannot_leave_the_folders(self):
        for path in ("/../../etc/passwd", "/..%2f..%2fetc%2fpasswd", "/api/runs/..%2f..%2fetc/files/passwd",
                     "/api/runs/x/files/..%2frun.json", "/api/boundaries?file=../../../etc/passwd",
                     "/api/boundaries?file=/etc/passwd", "/index.html/../../README.md"):
            with self.subTest(path=path):
                status, body = self.server.request("GET", path)
                self.assertIn(status, (400, 404))
                self.assertNotIn("root:", json.dumps(body))

    def test_symlink_out_of_the_scenarios_folder_is_refused(self):
        with tempfile.TemporaryDirectory() as folder:
            scenarios = Path(folder) / "scenarios"
            scenarios.mkdir()
            shutil.copy(REPO / "scenarios" / "base.json", scenarios / "base.json")
            (scenarios / "escape.json").symlink_to(REPO / "scenarios" / "inviting.json")
            server = Server(Path(folder) / "results", "--scenarios", str(scenarios))
            try:
                status, _ = server.request("POST", "/api/validate", QUICK)
                self.assertEqual(status, 200)
                status, body = server.request("POST", "/api/validate", {**QUICK, "place": {"scenario": "escape.json"}})
                self.assertEqual((status, body["json_path"]), (400, "place.scenario"))
            finally:
                server.stop()

    def test_oversize_body_is_a_413(self):
        status, body = self.server.request("POST", "/api/validate", raw='{"x": "' + "a" * 70000 + '"}')
        self.assertEqual(status, 413)
        self.assertIn("too large", body["error"])

    def test_wrong_host_is_refused(self):
        status, body = self.server.request("GET", "/api/info", headers={"Host": "attacker.example:80"})
        self.assertEqual(status, 403)
        self.assertIn("Host", body["error"])

    def test_cross_site_origin_is_refused(self):
        status, body = self.server.request("POST", "/api/validate", QUICK, headers={"Origin": "http://attacker.example"})
        self.assertEqual(status, 403)
        self.assertIn("cross-site", body["error"])
        status, _ = self.server.request("POST", "/api/validate", QUICK, headers={"Origin": f"http://{self.server.host}"})
        self.assertEqual(status, 200)

    def test_posts_must_be_json(self):
        status, _ = self.server.request("POST", "/api/runs", raw="{}", headers={"Content-Type": "text/plain"})
        self.assertEqual(status, 415)

    def test_token_is_required_when_asked_for(self):
        server = Server(self.results.parent / "token-results", "--require-token")
        try:
            self.assertIsNotNone(server.token)
            self.assertEqual(server.request("GET", "/api/info")[0], 401)
            self.assertEqual(server.request("GET", "/api/info", headers={"X-Wijksim-Token": "0" * 32})[0], 401)
            self.assertEqual(server.request("GET", "/api/info", headers={"X-Wijksim-Token": server.token})[0], 200)
            self.assertEqual(server.request("GET", f"/api/info?token={server.token}")[0], 200)
        finally:
            server.stop()


class Runs(ServerTest):
    def test_two_runs_at_once_queue_and_both_finish(self):
        first = self.server.request("POST", "/api/runs", QUICK)
        second = self.server.request("POST", "/api/runs", {**QUICK, "seed": 4})
        self.assertEqual((first[0], second[0]), (202, 202))
        self.assertEqual(second[1]["state"], "queued")  # one run at a time by default
        for status in (first[1], second[1]):
            run = self.server.wait_for(status["id"])
            self.assertEqual(run["state"], "done", run.get("message"))
            self.assertEqual([r["scenario"] for r in run["results"]], ["top_down", "inviting"])
            self.assertEqual([r["seed"] for r in run["results"]], [status is first[1] and 3 or 4] * 2)
            inviting = run["summary"]["decision"]["alternatives"][1]
            self.assertIn("change", inviting["outcomes"]["vulnerability_gap"])
        listed = [run["id"] for run in self.server.request("GET", "/api/runs")[1]["runs"]]
        self.assertIn(first[1]["id"], listed)
        self.assertIn(second[1]["id"], listed)

    def test_a_sampled_gemeente_carries_its_caveats(self):
        # Den Haag's 43 wijken at a fiftieth: most of them sampled below one street.
        _, status = self.server.request("POST", "/api/runs", {**QUICK, "place": {"gemeente": "GM0518", "scale": 0.02}})
        run = self.server.wait_for(status["id"], timeout=300)
        self.assertEqual(run["state"], "done", run.get("message"))
        caveats = run["summary"]["decision"]["caveats"]
        self.assertTrue(any(note.startswith("scale: ") for note in caveats), caveats)

    def test_progress_events_end_with_done(self):
        _, status = self.server.request("POST", "/api/runs", {**QUICK, "seed": 5})
        connection = http.client.HTTPConnection(self.server.host, timeout=120)
        connection.request("GET", f"/api/runs/{status['id']}/events", headers={"Host": self.server.host})
        response = connection.getresponse()
        self.assertEqual(response.getheader("Content-Type"), "text/event-stream")
        events = [json.loads(line[6:]) for line in response.read().decode().splitlines() if line.startswith("data: ")]
        connection.close()
        self.assertEqual(events[-1]["state"], "done")
        self.assertTrue(all(a["replicates_done"] == 1 for a in events[-1]["alternatives"]))

    def test_download_and_commands(self):
        _, status = self.server.request("POST", "/api/runs", {**QUICK, "seed": 6})
        run = self.server.wait_for(status["id"])
        self.assertTrue(any("wijksim run" in command for command in run["commands"]))
        status_code, _ = self.server.request("GET", f"/api/runs/{run['id']}/files/01-top_down.h5")
        self.assertEqual(status_code, 200)

    def test_cancel_leaves_nothing(self):
        _, status = self.server.request("POST", "/api/runs", LONG)
        self.server.wait_for(status["id"], states=("running",))
        code, _ = self.server.request("POST", f"/api/runs/{status['id']}/cancel", {})
        self.assertEqual(code, 202)
        run = self.server.wait_for(status["id"])
        self.assertEqual(run["state"], "cancelled")
        self.assertFalse((self.results / status["id"]).exists())
        listed = [r["id"] for r in self.server.request("GET", "/api/runs")[1]["runs"]]
        self.assertNotIn(status["id"], listed)
        self.assertEqual(self.server.request("POST", f"/api/runs/{status['id']}/cancel", {})[0], 409)


class KilledServer(unittest.TestCase):
    def test_a_run_killed_mid_way_is_not_listed(self):
        with tempfile.TemporaryDirectory() as folder:
            results = Path(folder) / "results"
            server = Server(results)
            _, status = server.request("POST", "/api/runs", {**LONG, "alternatives": [{"role": "responsive"}, {"role": "inviting"}]})
            server.wait_for(status["id"], states=("running",))
            time.sleep(1)
            server.stop(signal.SIGKILL)
            self.assertTrue((results / status["id"] / "run.json").exists())  # killed mid-run, not before
            restarted = Server(results)
            try:
                runs = restarted.request("GET", "/api/runs")[1]["runs"]
                self.assertEqual(runs, [])
                self.assertEqual(restarted.request("GET", f"/api/runs/{status['id']}")[0], 404)
            finally:
                restarted.stop()


if __name__ == "__main__":
    unittest.main()
