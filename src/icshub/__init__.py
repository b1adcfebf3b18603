"""icshub: open-source software for running an integrated care system in England."""

__version__ = "0.1.0"
