"""Cohorts: who meets a definition on an index date, and how many each rule removes."""
