"""Rendering shared by every domain: documents drawn from HTML (PDF), so each report has one source."""
