"""analysis.maps: outcomes per buurt joined to boundaries by CBS code, per gemeente on ../shared's boundaries.

The fixture's three buurten are given real CBS codes: Den Haag buurten for the buurt map (drawn on a small
hand-made boundaries file, tests/analysis/data, whose squares carry real codes and names), and wijken of three
gemeenten for the gemeente map (drawn on ../shared/data/geo/nl_2024_gemeenten.geojson).
"""
import tempfile
import unittest
from pathlib import Path

from analysis import maps
from analysis.load import AnalysisInputError, load_runs
from tests.analysis.make_fixture import DEN_HAAG_BOUNDARIES as BOUNDARIES
from tests.analysis.make_fixture import DEN_HAAG_CODES as DEN_HAAG
from tests.analysis.make_fixture import THREE_GEMEENTEN_CODES as THREE_GEMEENTEN
from tests.analysis.make_fixture import rename_buurten, write_standard_set


def with_codes(paths, codes):
    return load_runs(rename_buurten(paths, codes))


def outcome_of(series):
    return next(outcome for outcome in maps.MAP_OUTCOMES if outcome.series == series)


def texts(figure):
    return {text.get_text() for ax in figure.axes for text in ax.texts}


class BuurtMapTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.temporary = tempfile.TemporaryDirectory()
        cls.runs = with_codes(write_standard_set(Path(cls.temporary.name)), DEN_HAAG)

    @classmethod
    def tearDownClass(cls):
        cls.temporary.cleanup()

    def test_outcomes_per_buurt_with_the_change_against_the_reference(self):
        table = maps.buurt_outcomes(self.runs, "responsive").set_index(["scenario", "code"])
        # Liveability levels by buurt: responsive (0.74, 0.60, 0.40), inviting (0.75, 0.64, 0.52); scale 0.01.
        self.assertAlmostEqual(table.loc[("inviting", "BU05181252"), "change"], 0.12)
        self.assertAlmostEqual(table.loc[("responsive", "BU05181252"), "value"], 0.40 + 0.01 / 3)
        self.assertEqual(set(table["gemeente"]), {"GM0518"})

    def test_map_draws_and_labels_every_buurt_of_the_run(self):
        figures, drawn, missing = maps.buurt_maps(self.runs, "responsive", BOUNDARIES)
        self.assertEqual((drawn, missing), (3, 0))
        self.assertEqual([outcome for outcome, _ in figures], [o for o in maps.MAP_OUTCOMES if o.per_buurt])
        for _, figure in figures:
            self.assertEqual(len([ax for ax in figure.axes if ax.get_title()]), 3)  # reference + two changes
            self.assertEqual(texts(figure), {"Belgisch Park", "Waalsdorp", "Bomenbuurt"})

    def test_each_outcome_is_its_own_series(self):
        trust = maps.buurt_outcomes(self.runs, "responsive", outcome_of(("trust/by_buurt",)))
        trust = trust.set_index(["scenario", "code"])
        liveability = maps.buurt_outcomes(self.runs, "responsive").set_index(["scenario", "code"])
        self.assertNotEqual(trust.loc[("inviting", "BU05181252"), "value"],
                            liveability.loc[("inviting", "BU05181252"), "value"])
        self.assertEqual(trust.loc[("responsive", "BU05181252"), "change"], 0.0)

    def test_representation_and_cost_per_buurt(self):
        # responsive, final-year means (level + 0.01 / 3): past year (0.30, 0.20, 0.10), low educated
        # (0.20, 0.10, 0.05) of (300, 300, 400); cost (500, 300, 200) euro a week for (1200, 1000, 800) residents.
        offset = 0.01 / 3
        representation = maps.buurt_outcomes(self.runs, "responsive", outcome_of(maps.MAP_OUTCOMES[2].series))
        value = representation.set_index(["scenario", "code"]).loc[("responsive", DEN_HAAG[2]), "value"]
        self.assertAlmostEqual(value, (0.05 + offset) / (0.10 + offset))
        cost = maps.buurt_outcomes(self.runs, "responsive", outcome_of(("cost/by_buurt",)))
        value = cost.set_index(["scenario", "code"]).loc[("responsive", DEN_HAAG[0]), "value"]
        self.assertAlmostEqual(value, (500 + offset) * 52 / 1200)

    def test_a_gemeente_pools_its_buurten(self):
        offset = 0.01 / 3
        per_gemeente = {outcome.title: maps.gemeente_outcomes(self.runs, "responsive", outcome)
                        .set_index(["scenario", "code"]).loc[("responsive", "GM0518")]
                        for outcome in maps.MAP_OUTCOMES}
        low_active = (0.20 + offset) * 300 + (0.10 + offset) * 300 + (0.05 + offset) * 400
        active = (0.30 + offset) * 1200 + (0.20 + offset) * 1000 + (0.10 + offset) * 800
        self.assertAlmostEqual(per_gemeente["representation of the low educated"]["value"],
                               (low_active / 1000) / (active / 3000))
        self.assertAlmostEqual(per_gemeente["cost per resident"]["value"], (1000 + 3 * offset) * 52 / 3000)
        # Least vulnerable buurt (0.1) minus the most vulnerable (0.9): one each, a fifth of three rounded up.
        self.assertAlmostEqual(per_gemeente["liveability gap between vulnerable and vital buurten"]["value"], 0.74 - 0.40)
        self.assertEqual(per_gemeente["liveability gap between vulnerable and vital buurten"]["residents"], 3000)

    def test_the_gap_has_no_map_per_buurt(self):
        with self.assertRaisesRegex(ValueError, "between buurten"):
            maps.buurt_outcomes(self.runs, "responsive", maps.MAP_OUTCOMES[-1])

    def test_boundaries_without_the_runs_buurten_are_refused(self):
        runs = with_codes(write_standard_set(Path(self.temporary.name) / "other"), THREE_GEMEENTEN)
        with self.assertRaisesRegex(AnalysisInputError, "none of its 4 codes"):
            maps.buurt_maps(runs, "responsive", BOUNDARIES)

    def test_a_file_without_codes_is_refused(self):
        junk = Path(self.temporary.name) / "junk.geojson"
        junk.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"x": 1},'
                        '"geometry": {"type": "Point", "coordinates": [4, 52]}}]}')
        with self.assertRaisesRegex(AnalysisInputError, "no column with CBS codes"):
            maps.read_boundaries(junk)


class GemeenteMapTest(unittest.TestCase):
    def test_units_of_three_gemeenten_make_a_map_per_gemeente(self):
        self.assertTrue(maps.gemeenten_file().is_file(), maps.gemeenten_file())
        with tempfile.TemporaryDirectory() as folder:
            runs = with_codes(write_standard_set(Path(folder)), THREE_GEMEENTEN)
            outcomes = maps.buurt_outcomes(runs, "responsive")
            self.assertTrue(maps.spans_gemeenten(outcomes))
            per_gemeente = maps.gemeente_outcomes(runs, "responsive")
            self.assertEqual(set(per_gemeente["code"]), {"GM0363", "GM0518", "GM0344"})
            figures = maps.gemeente_maps(runs, "responsive")
        self.assertEqual(len(figures), len(maps.MAP_OUTCOMES))
        for outcome, figure in figures:
            # One wijk per gemeente: no gap between its buurten, so that map names no area.
            named = {"Amsterdam", "'s-Gravenhage", "Utrecht"} if outcome.per_buurt else set()
            self.assertEqual(texts(figure), named, outcome.title)


if __name__ == "__main__":
    unittest.main()
