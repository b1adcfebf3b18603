"""Strategic indicators: the logframe and the indicator definitions of a plan version, their figures with
provenance, and what icshub says about them.

Definitions are read from their file (``definition``) and written by ``service``, which also imports figures
read by ``load`` (the tidy layout and Fingertips downloads); ``queries`` serves the interfaces. ``report``
assesses one indicator from pure rules: ``target_progress`` (progress to target against the trajectory),
``benchmarks`` (comparison with England), ``trends`` (recent trend) and ``inequality_gaps`` (by deprivation
and between places); ``overview`` makes the tartan rug and spine chart, drawn by ``charts`` and
``spine_chart``. The statistics come from ``icshub.stats``; ``synthetic`` makes the demo's series.
"""
