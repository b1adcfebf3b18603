"""The registry's use cases that write: importing a system definition (``definition_import``) and its
geography (``geography_import``) in one transaction, every record matched by key and audited
(``audited_upserts``)."""
