"""The web interface: FastAPI application, HTML pages and the REST API. No domain rules live here."""
