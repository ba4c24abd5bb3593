"""Home-based services (issue 10): zones, addresses, visit patterns, daily plans, work lists."""
