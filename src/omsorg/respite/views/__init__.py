"""Pages of the respite app: parse, call one service or selector, render."""
