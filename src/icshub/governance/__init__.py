"""Committees run by their terms of reference.

So far, as data and pure rules: the terms of reference themselves (``terms``, the ``icshub.terms/1``
format, checked against the registry by ``terms_checks``); whether a meeting or an item is quorate, and
why not (``quorum``); how a vote is decided (``voting``); who chairs and who presides (``presiding``);
which days are working days in England and how many clear working days lie between a notice and a meeting
(``calendar``, with the local bank-holiday file read by ``local_holidays``); and the deadlines for notice,
agenda requests and papers, meeting at least quarterly and the annual reviews (``deadlines``).
"""
