"""Pure planning engines (respite stays now; rosters and routes later).

Nothing in this package imports Django or another ``omsorg`` package: an import-linter contract
enforces it, so the same solver runs from the command line, from a test and from a web task.
"""
