"""Population health on the web, aggregates only: profiles (``pages``), inequalities, Core20PLUS5, the risk
model, and the cohort builder with the saved cohorts (``*_pages``)."""
