"""Who is who in an integrated care system, and where: organisations, partnerships, places, networks,
practices and committees with their seats, and the geography as dated hierarchies of ONS areas.

A system is read from its definition folder (``definition``, ``datasets``, checked by ``references``;
``load`` gives a validated bundle) and written whole by ``services``; ``queries`` serves the interfaces and
``export`` writes it back out. Pure rules: ``codes`` (GSS and ODS code formats), ``graph`` (cycles,
parents first), ``geography`` and ``practices``. Other domains refer to registry records by id, and read
``small_areas`` and ``population_frame`` for the areas' figures.
"""
