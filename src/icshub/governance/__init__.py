"""Committees run by their terms of reference.

As data and pure rules: the terms of reference themselves (``terms``, the ``icshub.terms/1`` format, checked
against the registry by ``terms_checks``); whether a meeting or an item is quorate, and why not (``quorum``);
how a vote is decided (``voting``); who chairs and who presides (``presiding``); which days are working days
in England and how many clear working days lie between a notice and a meeting (``calendar``, with the local
bank-holiday file read by ``local_holidays``); and the deadlines for notice, agenda requests and papers,
meeting at least quarterly and the annual reviews (``deadlines``).

Meetings as records (tables in ``models``, vocabularies and the one error ``GovernanceError`` in ``kinds``):
the terms each registry committee meets under (``committee_terms``: the ICP's file, or defaults generated
from its seats); the secretariat's use cases, the only code that writes (``meetings``: schedule, notice,
held, cancelled; ``agenda``: items, papers, members' requests; ``proceedings``: attendance, declarations,
the quorum of the meeting and each item; ``decisions``: consensus, votes, the decisions and actions
registers, matters arising; ``minutes``; ``disputes``; ``registers``: the register of interests); what the
public may see, never Part 2 content (``public``, typed by ``schemas``); Part 2 in full for those the policy
allows (``confidential``); and the demo meetings (``demo``).
"""
