"""A deterministic synthetic municipality for demos, browser tests and development."""
