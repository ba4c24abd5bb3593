"""``omsorg plan-roster INSTANCE.json [--time-limit SECONDS]``: print a roster as JSON.

Exit codes: 0 a roster was printed (optimal or feasible); 1 the instance is infeasible (status
"infeasible", roster {}, objective and bound null: some staff member's own rules cannot all
hold; the engine never answers "unknown"); 2 the instance or the arguments are
malformed (nothing on stdout, the offending field on stderr).
"""

import argparse
import json
import sys

from omsorg.planning.common.params import DEFAULT_NUM_WORKERS, DEFAULT_TIME_LIMIT_SECONDS
from omsorg.planning.common.progress import ProgressEvent
from omsorg.planning.roster.instance import InstanceError
from omsorg.planning.roster.parse import load_instance
from omsorg.planning.roster.solve import RosterParams, solve

EXIT_ROSTER, EXIT_NO_ROSTER, EXIT_MALFORMED = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="omsorg plan-roster", description="Make a rotation (turnus) for an instance in JSON."
    )
    parser.add_argument("instance", help="path to the instance JSON file")
    parser.add_argument(
        "--time-limit", type=float, default=DEFAULT_TIME_LIMIT_SECONDS, help="seconds in all"
    )
    parser.add_argument("--workers", type=int, default=DEFAULT_NUM_WORKERS, help="solver threads")
    parser.add_argument("--seed", type=int, default=0, help="solver random seed")
    parser.add_argument(
        "--progress", action="store_true", help="report each improving roster on stderr"
    )
    return parser


def _report(event: ProgressEvent) -> None:
    print(
        f"{event.wall_time:7.2f}s {event.stage}: objective {event.objective:.6g}"
        f" bound {event.bound:.6g}",
        file=sys.stderr,
    )


def load_or_explain(path: str):
    """The instance at ``path``, or None after printing why it cannot be read on stderr."""
    try:
        return load_instance(path)
    except InstanceError as error:
        print(f"error: {error}", file=sys.stderr)
    except (OSError, UnicodeDecodeError) as error:
        print(f"error: cannot read {path}: {error}", file=sys.stderr)
    return None


def main(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # argparse has printed the usage error on stderr
        return EXIT_MALFORMED if exit_.code else EXIT_ROSTER
    if args.time_limit <= 0 or args.workers < 1:
        print("error: --time-limit must be positive and --workers at least 1", file=sys.stderr)
        return EXIT_MALFORMED
    instance = load_or_explain(args.instance)
    if instance is None:
        return EXIT_MALFORMED
    params = RosterParams(time_limit=args.time_limit, num_workers=args.workers, seed=args.seed)
    result = solve(instance, params, _report if args.progress else None)
    print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    return EXIT_ROSTER if result.objective is not None else EXIT_NO_ROSTER


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
