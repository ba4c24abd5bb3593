"""Writes of the respite app: one use case and one transaction each (``<noun>_<verb>``)."""
