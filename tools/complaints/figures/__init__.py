"""Every published figure: its written definition and its one computation.

`definitions` says what each figure counts (population, numerator, time basis,
rounding), in both languages, for the site and the open-data schemas alike;
`view` sees a case as it stood at a moment, so a period that has ended is
computed as of its last day and never moves; `compute` turns the cases into
the statistics document (stats.json) every page reads.
May import: `procedure`, `load`, `base`.
"""
