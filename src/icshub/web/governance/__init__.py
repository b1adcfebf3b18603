"""Committee business on the web: the public face (``pages``, ``api``), the secretariat's pages
(``secretariat_forms``, ``secretariat_pages``, ``committee_pages``) and the agenda pack drawn as HTML and PDF
(``pack``)."""
