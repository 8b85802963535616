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
        self.assertEqual([outcome.series for outcome, _ in figures], [o.series for o in maps.MAP_OUTCOMES])
        for _, figure in figures:
            self.assertEqual(len([ax for ax in figure.axes if ax.get_title()]), 3)  # reference + two changes
            self.assertEqual(texts(figure), {"Belgisch Park", "Waalsdorp", "Bomenbuurt"})

    def test_each_outcome_is_its_own_series(self):
        trust = maps.buurt_outcomes(self.runs, "responsive", "trust/by_buurt").set_index(["scenario", "code"])
        liveability = maps.buurt_outcomes(self.runs, "responsive").set_index(["scenario", "code"])
        self.assertNotEqual(trust.loc[("inviting", "BU05181252"), "value"],
                            liveability.loc[("inviting", "BU05181252"), "value"])
        self.assertEqual(trust.loc[("responsive", "BU05181252"), "change"], 0.0)

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
            per_gemeente = maps.gemeente_outcomes(outcomes)
            self.assertEqual(set(per_gemeente["code"]), {"GM0363", "GM0518", "GM0344"})
            figures = maps.gemeente_maps(runs, "responsive")
        self.assertEqual(len(figures), len(maps.MAP_OUTCOMES))
        for _, figure in figures:
            self.assertEqual(texts(figure), {"Amsterdam", "'s-Gravenhage", "Utrecht"})


if __name__ == "__main__":
    unittest.main()
