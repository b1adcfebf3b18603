"""PDF drawn from HTML by WeasyPrint: a report's printed form comes from the same HTML as its page."""

from __future__ import annotations


def html_to_pdf(html: str) -> bytes:
    """``html`` (one self-contained document with its print styles) as a PDF."""
    # Imported here: WeasyPrint loads Pango when imported, and only PDF output needs it.
    from weasyprint import HTML

    document: bytes = HTML(string=html).write_pdf()
    return document
