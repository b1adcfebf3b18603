"""Strategic indicators: the logframe, indicator definitions with baselines and targets, and (next) their
values and assessment. Statistics come from ``icshub.stats``."""
