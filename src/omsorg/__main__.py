"""The ``omsorg`` command.

Pure commands (``assess``, ``plan-respite``, ``plan-routes``, ``plan-roster``, ``check-roster``)
need no Django and no database; the rest is handed to Django's management commands
(``omsorg demo``, ``omsorg migrate``, ``omsorg runserver``).
"""

import os
import sys

PURE_COMMANDS = {
    "assess": "omsorg.catalogue.assess_cli",
    "plan-respite": "omsorg.planning.respite.__main__",
    "plan-routes": "omsorg.planning.routing.__main__",
    "plan-roster": "omsorg.planning.roster.__main__",
    "check-roster": "omsorg.planning.roster.check_cli",
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in PURE_COMMANDS:
        module = __import__(PURE_COMMANDS[argv[0]], fromlist=["main"])
        return module.main(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omsorg.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["omsorg", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
