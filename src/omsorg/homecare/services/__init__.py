"""Writes of home-based services: one use case and one transaction each."""
