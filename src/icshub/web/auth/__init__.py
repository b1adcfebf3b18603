"""Accounts on the web: sign in and out, change password, the audit log (``pages``), and who am I (``api``)."""
