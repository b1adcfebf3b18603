"""Population health methods written once as Ibis expressions, so that the same definitions run on DuckDB
(the embedded default), Spark and the other Ibis backends: long-term conditions from codelists with their
count and the Cambridge Multimorbidity Score, the electronic Frailty Index, segmentation by first-match
rules (Bridges to Health by default), and Core20PLUS5. ``reference`` holds a plain pandas implementation of
each, used by the spec tests and benchmarks to check the engine. Definitions (codelists, weights, deficits,
rules) are data under ``icshub/defaults``; see docs/population-methods.md.
"""
