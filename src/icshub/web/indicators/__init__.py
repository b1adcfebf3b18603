"""Strategic indicators on the web: the logframe and each indicator (``pages``), the tartan rug and spine
charts (``overview_pages``) and the REST API (``api``)."""
