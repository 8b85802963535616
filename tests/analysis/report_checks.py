"""What every HTML report must be, run report or experiment report: self-contained, with each figure an
embedded PNG that has a caption worth reading."""

import base64
import re

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class SelfContainedReportChecks:
    """Mixed into a unittest.TestCase whose class sets `html` (the report's text) and `minimum_figures`."""

    html = ""
    minimum_figures = 1

    def test_every_figure_is_an_embedded_png_with_a_caption(self):
        sources = re.findall(r"<img [^>]*src=\"([^\"]+)\"", self.html)
        self.assertEqual(len(sources), self.html.count("<figure"))
        self.assertGreaterEqual(len(sources), self.minimum_figures)
        for source in sources:
            self.assertTrue(source.startswith("data:image/png;base64,"), source[:40])
            self.assertTrue(base64.b64decode(source.split(",", 1)[1]).startswith(PNG_SIGNATURE))
        captions = re.findall(r"<figcaption>(.*?)</figcaption>", self.html)
        self.assertEqual(len(captions), len(sources))
        self.assertTrue(all(len(caption) > 80 for caption in captions), captions)

    def test_no_external_resources(self):
        self.assertNotRegex(self.html, r"<(script|link|iframe)\b")
        self.assertNotRegex(self.html, r"(src|href)=\"(https?:)?//")
