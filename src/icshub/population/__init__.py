"""Population health management on linked, pseudonymised person-level data, kept in the analytics store
and never in the operational database.

The data model (``data_model``), checked row by row (``validation``) as ``load`` and the ``adapters``
(Synthea, OMOP CDM) bring data into the store (``store``), queried on the engine the installation chooses
(``engines``: DuckDB or Spark). The methods (``methods``: conditions, multimorbidity, frailty, segments,
Core20PLUS5, risk, utilisation), ``cohorts`` and ``measures`` are Ibis expressions; what leaves the store
are aggregates after disclosure control (``disclosure``): ``profile``, ``health_inequalities`` and
``cohort_counts``. ``synthetic`` generates the demo's population; ``services`` holds the writes and
``queries`` the reads of saved cohorts.
"""
