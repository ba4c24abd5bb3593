"""Browser tests: Playwright (sync API) driving Debian's Chromium, with axe-core checks."""
