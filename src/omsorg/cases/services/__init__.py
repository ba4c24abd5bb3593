"""Writes of the case chain, one module per stage; each function is one use case."""
