"""The strategy's use cases that write, one module each: ``plan_versions`` and ``progress_updates``."""
