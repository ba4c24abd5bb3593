"""`omsorg demo`: build a deterministic synthetic municipality to try Omsorg with."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from omsorg.core.clock import today as clock_today
from omsorg.demo.alver import CASEWORKER as ALVER_CASEWORKER
from omsorg.demo.builder import (
    BUILT,
    CONFLICT,
    EXISTS,
    INCOMPLETE,
    BuildResult,
    DemoRefused,
    demo_build,
)
from omsorg.demo.personas import PERSONA_PERSONS, PERSONA_USERS
from omsorg.demo.reset import demo_reset
from omsorg.demo.volumes import COMMAND_SIZES

URL = "http://127.0.0.1:8000/"
DEFAULT_SEED = 1
NOT_BUILT_AGAIN = {
    EXISTS: "A demo is already built (seed {seed}, {size}, today {today}); nothing was "
    "changed. Use --reset to build it again.",
    INCOMPLETE: "An earlier demo build did not finish (seed {seed}, {size}). "
    "Run `omsorg demo --reset` to remove it and build again.",
    CONFLICT: "Users with the demo's names exist, but no demo build is recorded; nothing was "
    "changed. Run with --reset to remove the demo users first.",
}


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--today must be a date YYYY-MM-DD, not {value!r}") from error


class Command(BaseCommand):
    help = (
        "Build a synthetic municipality (about 30 000 inhabitants at --size full) with "
        "persons, applications, decisions, appeals and reviews, made through the services."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
        parser.add_argument(
            "--size",
            choices=COMMAND_SIZES,
            default="small",
            help="small: ~300 recipients (seconds); full: ~2 100 (about a minute)",
        )
        parser.add_argument(
            "--today", type=_date, default=None, help="the day the demo is seen from"
        )
        parser.add_argument("--reset", action="store_true", help="wipe demo data first")

    def handle(self, *args, seed, size, today, reset, **options):
        today = today or clock_today()
        if reset:
            removed = demo_reset()
            self.stdout.write(
                f"Removed the demo: {removed['persons']} persons, {removed['users']} users."
            )
        try:
            result = demo_build(seed=seed, size=size, today=today, progress=self._progress)
        except DemoRefused as error:
            raise CommandError(f"The demo cannot be built here: {error}.") from error
        if result.status != BUILT:
            build = result.build
            values = {"seed": seed, "size": size, "today": today}
            if build is not None:
                values = {"seed": build.seed, "size": build.size, "today": build.today}
            self.stdout.write(self.style.WARNING(NOT_BUILT_AGAIN[result.status].format(**values)))
            return
        self._summary(result)

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(f"  {done}/{total} persons", ending="\r" if done < total else "\n")

    def _summary(self, result: BuildResult) -> None:
        build = result.build
        self.stdout.write(
            self.style.SUCCESS(
                f"Built the demo of {build.municipality.name} (seed {build.seed}, {build.size}, "
                f"today {build.today}) in {build.seconds:.1f} s."
            )
        )
        for name, counts in result.counts.items():
            shown = ", ".join(f"{key} {value}" for key, value in counts.items())
            self.stdout.write(f"  {name}: {shown}")
        self.stdout.write("\nDemo users (username / password / role):")
        for persona in PERSONA_USERS:
            self.stdout.write(
                f"  {persona.username:<14} {persona.password:<28} {persona.role:<15} {persona.what}"
            )
        self.stdout.write("\nRespite homes (leaders, staff, families):")
        for username, password, what in result.respite_logins:
            self.stdout.write(f"  {username:<14} {password:<28} {what}")
        username, password, given, family = ALVER_CASEWORKER
        self.stdout.write(
            f"\nAlver (nynorsk, seed 003): {username:<20} {password:<20} "
            f"sakshandsamar {given} {family}: nynorske saker og brev"
        )
        self.stdout.write(
            "\nPersons to look up: "
            + ", ".join(f"{p.given_name} {p.family_name}" for p in PERSONA_PERSONS)
        )
        self.stdout.write(f"\nOpen {URL} once the server runs (scripts/demo.sh starts it).")
