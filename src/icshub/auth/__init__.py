"""Who may do what: accounts and their roles (``service``, ``roles``, ``passwords``, login ``throttle``),
the one permission policy every route and command asks (``policy``), who is acting (``actor``) and the
audit log of every write (``audit``)."""
