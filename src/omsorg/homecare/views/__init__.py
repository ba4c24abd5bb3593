"""Thin page views of home-based services."""
