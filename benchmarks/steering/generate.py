"""Steering benchmark data (issue 9, "Performance"): 30 units, their persons, 2 million
registrations over a year, a year of staff months and of budget months, as import files.

    .venv/bin/python -m benchmarks.steering.generate [--out DIR] [--registrations N] [--year Y]

Writes `units.csv`, `persons.csv`, `registrations.csv` (one file, every month of the year),
`registrations_month.csv` (the first month again with other hours: the re-import), `staff.csv`
and `budget.csv`. Synthetic persons only (month field + 80, never a real number).
Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

from omsorg.people.identity import make_synthetic_number

HERE = Path(__file__).resolve().parent
UNITS = 30
PERSONS = 6_000
STAFF_PER_UNIT = 40
SERVICES = ("practical_help", "home_nursing", "training_daily_tasks", "rehabilitation_at_home")
PROFESSIONS = ("vernepleier", "sykepleier", "helsefagarbeider", "assistent")
HOURS = ("0.5", "0.75", "1", "1.5", "2", "3")


def unit_codes() -> list[str]:
    return ["SEKTOR"] + [f"SONE-{i:02d}" for i in range(1, UNITS)]


def _identity_numbers(rng: random.Random) -> list[str]:
    numbers: set[str] = set()
    while len(numbers) < PERSONS:
        birth = dt.date(1925, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 80))
        numbers.add(make_synthetic_number(birth, rng=rng))
    return sorted(numbers)


def _write_units(out: Path, codes: list[str]) -> None:
    with open(out / "units.csv", "w") as f:
        f.write("code,name,kind,parent_code\n")
        f.write("SEKTOR,Helse og omsorg (benchmark),department,\n")
        for code in codes[1:]:
            f.write(f"{code},Benchmark {code},zone,SEKTOR\n")


def _write_persons(out: Path, ids: list[str]) -> None:
    with open(out / "persons.csv", "w") as f:
        f.write("national_id,given_name,family_name\n")
        for i, number in enumerate(ids):
            f.write(f"{number},Bench{i},Persen\n")


def _write_registrations(out, rng, ids, zones, registrations: int, year: int) -> int:
    """Each person belongs to one zone and gets one or two services; a registration is one
    (day, person, unit, service) (the duplicate key), so a day's rows are drawn without
    repeats. January is written again, with other hours, as the re-import file."""
    person_zone = {number: zones[i % len(zones)] for i, number in enumerate(ids)}
    pairs = [(n, s) for n in ids for s in rng.sample(SERVICES, rng.choice((1, 2)))]
    days = [dt.date(year, 1, 1) + dt.timedelta(days=d) for d in range(366)]
    days = [d for d in days if d.year == year]
    per_day, extra = divmod(registrations, len(days))
    written = 0
    header = "date,national_id,unit,service,hours\n"
    with open(out / "registrations.csv", "w") as f, open(out / "registrations_month.csv", "w") as g:
        f.write(header)
        g.write(header)
        for index, day in enumerate(days):
            count = per_day + (1 if index < extra else 0)
            iso = day.isoformat()
            lines = [
                f"{iso},{number},{person_zone[number]},{service},{rng.choice(HOURS)}\n"
                for number, service in rng.sample(pairs, count)
            ]
            f.writelines(lines)
            if day.month == 1:
                g.writelines(line.replace(",0.5\n", ",1.25\n") for line in lines)
            written += count
    return written


def _write_staff(out: Path, rng, zones: list[str], year: int) -> int:
    rows = 0
    with open(out / "staff.csv", "w") as f:
        f.write(
            "month,unit,employee_id,position_pct,profession,relevant_education,"
            "contracted_hours,sick_leave_hours\n"
        )
        for code in zones:
            for e in range(STAFF_PER_UNIT):
                position = rng.choice((50, 60, 75, 80, 100))
                profession = PROFESSIONS[e % len(PROFESSIONS)]
                relevant = "true" if profession != "assistent" else "false"
                contracted = round(162.5 * position / 100, 2)
                for month in range(1, 13):
                    sick = round(contracted * rng.choice((0, 0, 0, 0.05, 0.1, 0.5)), 2)
                    f.write(
                        f"{year}-{month:02d},{code},{code}-E{e:03d},{position},{profession},"
                        f"{relevant},{contracted},{sick}\n"
                    )
                    rows += 1
    return rows


def _write_budget(out: Path, rng, zones: list[str], year: int) -> int:
    with open(out / "budget.csv", "w") as f:
        f.write("month,unit,budget_nok,accounts_nok\n")
        for code in zones:
            for month in range(1, 13):
                budget = rng.randrange(2_000_000, 4_000_000)
                accounts = budget + rng.randrange(-200_000, 200_000)
                f.write(f"{year}-{month:02d},{code},{budget},{accounts}\n")
    return len(zones) * 12


def generate(out: Path, registrations: int, year: int, seed: int = 9) -> dict:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    codes = unit_codes()
    zones = codes[1:]
    _write_units(out, codes)
    ids = _identity_numbers(rng)
    _write_persons(out, ids)
    return {
        "units": len(codes),
        "persons": len(ids),
        "registrations": _write_registrations(out, rng, ids, zones, registrations, year),
        "staff": _write_staff(out, rng, zones, year),
        "budget": _write_budget(out, rng, zones, year),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=HERE.parent.parent / "var" / "bench_steering")
    parser.add_argument("--registrations", type=int, default=2_000_000)
    parser.add_argument("--year", type=int, default=2025)
    args = parser.parse_args()
    print(generate(args.out, args.registrations, args.year))


if __name__ == "__main__":
    main()
