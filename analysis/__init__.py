"""Analysis of wijksim result files and experiment files (HDF5; result format_version 1 to 4, see docs/output-format.md).

Modules, one job each:
  load     -- read result files into tidy DataFrames (RunData, RunSet)
  compare  -- final-year outcomes per replicate, summaries with 95% CIs, paired differences vs a reference
  decision -- the decision summary (changes, total cost, price per extra participant, rankings) and its JSON
  maps     -- choropleths per buurt (user boundaries) or per gemeente (../shared/data/geo)
  export   -- result and experiment files as CSV: tidy series, buurten by CBS code, EMA Workbench and SALib
  plots    -- matplotlib figures built from those DataFrames
  report   -- a self-contained HTML report plus CSV tables, for run files or an experiment file
  experiment  -- experiment files: design, outcomes per run and replicate, role comparisons
  studio_summary -- the numbers of a `wijksim serve` run as JSON for the page (from compare and plots)
  sensitivity -- Sobol first-order and total indices with bootstrap intervals; Morris mu*, sigma
  __main__ -- the command line: `python3 -m analysis compare|report|experiment|export ...`
"""

from analysis.load import AnalysisInputError, ResultFileError, RunData, RunSet, load_run, load_runs

__all__ = ["AnalysisInputError", "ResultFileError", "RunData", "RunSet", "load_run", "load_runs"]
