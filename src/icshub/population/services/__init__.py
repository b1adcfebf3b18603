"""Population health's use cases that write, one module each: ``datasets`` (loading person-level data into
the analytics store), ``synthetic_population`` (writing the synthetic population) and ``saved_cohorts``
(the library of cohort definitions, in the operational database)."""
