"""The registry on the web: its pages (``pages``) and the REST API (``api``)."""
