"""Committees run by their terms of reference.

As data and pure rules: the terms of reference themselves (``terms``, the ``icshub.terms/1`` format, checked
against the registry by ``terms_checks``); whether a meeting or an item is quorate, and why not (``quorum``);
how a vote is decided (``voting``); who chairs and who presides (``presiding``); which days are working days
in England and how many clear working days lie between a notice and a meeting (``calendar``, with the local
bank-holiday file read by ``local_holidays``); and the deadlines for notice, agenda requests and papers,
meeting at least quarterly and the annual reviews (``deadlines``).

Meetings as records (tables in ``models``, vocabularies in ``vocabulary``, the one error ``GovernanceError``
in ``errors``): the terms each registry committee meets under (``committee_terms``: the ICP's file, or
defaults generated from its seats); the secretariat's use cases, the only code that writes (``services``:
meetings, agenda, proceedings, decisions, minutes, disputes, the register of interests and the demo's
meetings), each asking ``access`` whether the principal may; the reads the interfaces need (``queries``);
what the public may see, never Part 2 content (``publication``, typed by ``schemas``); Part 2 in full for
those the policy allows (``confidential``); and the agenda pack's editions (``agenda_pack``, from the records
``pack_records`` reads) and the calendar feed (``feed``).
"""
