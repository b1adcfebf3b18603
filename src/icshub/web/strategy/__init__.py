"""The Shared Delivery Plan on the web: its pages and forms (``pages``) and the REST API (``api``)."""
