"""Population health management on linked, pseudonymised person-level data: the data model, adapters that
load into it, the analytics store, and (to come) methods, cohorts and measures."""
