"""The Integrated Care Strategy and its Shared Delivery Plan: outcomes, priorities, commitments, delivery
strategies, leads, milestones and progress.

A plan version is read from its file (``definition``, checked against the registry by ``references``) and
written by ``services.plan_versions``; progress is recorded, published and taken from sheets by
``services.progress_updates``. ``queries`` serves the interfaces; ``sheets`` writes and reads the plan as a
spreadsheet. Pure rules: ``due`` (due dates and when they pass), ``compare`` (versions item by item) and
``dashboard`` (filtering and counting statuses). Errors: ``errors``; vocabularies: ``vocabulary``.
"""
