"""Tests of the analysis package; run with `/usr/bin/python3 -m unittest tests.analysis.test_<module>`."""
