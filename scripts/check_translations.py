"""Fail when a bokmål or nynorsk catalogue lacks a translation or its .mo is out of date.

A string added to the code but not yet extracted is caught by tests/test_translations.py,
which renders the main pages in bokmål and looks for English left behind.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("nb", "nn")


def untranslated(po: Path) -> list[str]:
    """msgids with an empty msgstr (fuzzy counts as untranslated)."""
    result = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    return [
        line[7:-1]
        for line in result.stdout.splitlines()
        if line.startswith('msgid "') and line != 'msgid ""'
    ]


def stale_mo(po: Path) -> bool:
    mo = po.with_suffix(".mo")
    if not mo.exists():
        return True
    fresh = subprocess.run(["msgfmt", "-o", "-", str(po)], capture_output=True, check=True)
    return fresh.stdout != mo.read_bytes()


def main() -> int:
    problems = []
    for po in sorted(ROOT.glob("src/omsorg/**/locale/*/LC_MESSAGES/django.po")):
        if po.parent.parent.name not in LANGUAGES:
            continue
        missing = untranslated(po)
        if missing:
            name = po.relative_to(ROOT)
            problems.append(f"{name}: {len(missing)} untranslated, e.g. {missing[:3]}")
        if stale_mo(po):
            problems.append(f"{po.relative_to(ROOT)}: .mo is out of date (run compilemessages)")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
