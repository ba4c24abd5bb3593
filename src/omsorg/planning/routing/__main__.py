"""``omsorg plan-routes INSTANCE.json [--time-limit SECONDS]``: print a route plan as JSON.

Exit codes: 0 a plan (optimal or feasible) was printed; 1 the instance is infeasible (a staff
member cannot get from start to end within the shift; the JSON says so); 2 the instance or the
arguments are malformed (nothing on stdout, the offending field on stderr).
"""

import argparse
import json
import sys

from omsorg.planning.common.params import DEFAULT_TIME_LIMIT_SECONDS, SolveParams
from omsorg.planning.common.progress import ProgressEvent
from omsorg.planning.routing.instance import InstanceError
from omsorg.planning.routing.parse import load_instance
from omsorg.planning.routing.solve import solve

EXIT_PLAN, EXIT_INFEASIBLE, EXIT_MALFORMED = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="omsorg plan-routes", description="Plan home-care visit routes from a JSON instance."
    )
    parser.add_argument("instance", help="path to the instance JSON file")
    parser.add_argument(
        "--time-limit", type=float, default=DEFAULT_TIME_LIMIT_SECONDS, help="seconds in all"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    parser.add_argument(
        "--progress", action="store_true", help="report each improving solution on stderr"
    )
    return parser


def _report(event: ProgressEvent) -> None:
    print(
        f"{event.wall_time:7.2f}s {event.stage}: objective {event.objective:.6g}"
        f" bound {event.bound:.6g}",
        file=sys.stderr,
    )


def main(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # argparse has printed the usage error on stderr
        return EXIT_MALFORMED if exit_.code else EXIT_PLAN
    if not args.time_limit > 0:
        print("error: --time-limit must be positive", file=sys.stderr)
        return EXIT_MALFORMED
    try:
        instance = load_instance(args.instance)
    except InstanceError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_MALFORMED
    except (OSError, UnicodeDecodeError) as error:
        print(f"error: cannot read {args.instance}: {error}", file=sys.stderr)
        return EXIT_MALFORMED
    params = SolveParams(time_limit=args.time_limit, seed=args.seed)
    plan = solve(instance, params, _report if args.progress else None)
    print(json.dumps(plan.to_dict(), indent=2, ensure_ascii=False))
    return EXIT_INFEASIBLE if plan.status == "infeasible" else EXIT_PLAN


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
