"""Reading import files with their line numbers, and reporting problems by file, line and field.

Shared by every domain that imports files, so that all of them refuse bad input in the same way.
"""

from icshub.loading.problems import ImportRefused, Problem

__all__ = ["ImportRefused", "Problem"]
