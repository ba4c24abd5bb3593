"""``omsorg check-roster INSTANCE.json ROSTER.json``: list every hard rule a roster breaks.

Prints JSON ``{"valid", "violations": [{"rule", "staff", "day", "message"}], "objective"}``.
Exit codes: 0 every rule holds; 1 some rule is broken; 2 the instance, the roster or the
arguments are malformed (nothing on stdout, the offending field on stderr).
"""

import argparse
import json
import sys
from pathlib import Path

from omsorg.planning.roster.__main__ import load_or_explain
from omsorg.planning.roster.check import check_roster, evaluate
from omsorg.planning.roster.roster_io import RosterError, parse_roster

EXIT_VALID, EXIT_BROKEN, EXIT_MALFORMED = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="omsorg check-roster", description="Check a roster against its instance's rules."
    )
    parser.add_argument("instance", help="path to the instance JSON file")
    parser.add_argument("roster", help="path to the roster JSON file")
    return parser


def main(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return EXIT_MALFORMED if exit_.code else EXIT_VALID
    instance = load_or_explain(args.instance)
    if instance is None:
        return EXIT_MALFORMED
    try:
        roster = parse_roster(instance, json.loads(Path(args.roster).read_text(encoding="utf-8")))
    except RosterError as error:
        sys.stderr.write(f"error: {error}\n")
        return EXIT_MALFORMED
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        sys.stderr.write(f"error: cannot read {args.roster}: {error}\n")
        return EXIT_MALFORMED
    violations = check_roster(instance, roster)
    report = {
        "valid": not violations,
        "violations": [v.to_dict() for v in violations],
        "objective": evaluate(instance, roster).to_dict(),
    }
    sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return EXIT_BROKEN if violations else EXIT_VALID


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
