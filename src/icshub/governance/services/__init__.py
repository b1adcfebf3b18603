"""The secretariat's use cases, the only governance code that writes, one module each: ``meetings``
(schedule, notice, held, cancelled), ``agenda`` (items, papers, members' requests), ``proceedings``
(attendance, declarations, the quorum of the meeting and each item), ``decisions`` (consensus, votes, the
decisions and actions registers), ``minutes``, ``disputes``, ``interests`` (the register of interests) and
``demo_meetings`` (the demo's meetings, written through the same use cases)."""
