"""A seeded, deterministic synthetic population of Kent and Medway on the real geography: people per small area
by age and sex, deprivation, registration with real practices, ethnicity, long-term conditions, frailty
deficits, observations, deaths, and activity with its cost. Every number it uses is in ``assumptions`` with
its source; docs/population-synthetic.md describes the method. The data are synthetic: no real person."""
