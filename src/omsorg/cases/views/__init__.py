"""Case pages, one module per stage of the chain."""
