"""Adapters that map third-party person-level data into the data model (``icshub.population.data_model``):
Synthea CSV output (``synthea``) and the OMOP Common Data Model 5.4 as CSV (``omop``). Each reads a folder
into an ``Adapted`` (the tables to load, where every row came from, and the rows left out on purpose),
and ``load_adapted`` loads it through ``icshub.population.load.load_sources``: every row checked, the
dataset written whole or not at all."""
