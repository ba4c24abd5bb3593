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
import calendar
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


def unit_codes() -> list[str]:
    return ["SEKTOR"] + [f"SONE-{i:02d}" for i in range(1, UNITS)]


def _identity_numbers(rng: random.Random) -> list[str]:
    numbers: set[str] = set()
    while len(numbers) < PERSONS:
        birth = dt.date(1925, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 80))
        numbers.add(make_synthetic_number(birth, rng=rng))
    return sorted(numbers)


def generate(out: Path, registrations: int, year: int, seed: int = 9) -> dict:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    codes = unit_codes()
    with open(out / "units.csv", "w") as f:
        f.write("code,name,kind,parent_code\n")
        f.write("SEKTOR,Helse og omsorg (benchmark),department,\n")
        for code in codes[1:]:
            f.write(f"{code},Benchmark {code},zone,SEKTOR\n")
    ids = _identity_numbers(rng)
    with open(out / "persons.csv", "w") as f:
        f.write("national_id,given_name,family_name\n")
        for i, number in enumerate(ids):
            f.write(f"{number},Bench{i},Persen\n")
    # Each person belongs to one zone and gets one or two services; a registration is one
    # (day, person, unit, service) (the duplicate key), so the rows are drawn without repeats.
    zones = codes[1:]
    person_zone = {number: zones[i % len(zones)] for i, number in enumerate(ids)}
    person_services = {n: rng.sample(SERVICES, rng.choice((1, 2))) for n in ids}
    days = [dt.date(year, 1, 1) + dt.timedelta(days=d) for d in range(366)]
    days = [d for d in days if d.year == year]
    pairs = [(n, s) for n in ids for s in person_services[n]]
    per_day = registrations // len(days)
    extra = registrations - per_day * len(days)
    written = 0
    with open(out / "registrations.csv", "w") as f, open(out / "registrations_month.csv", "w") as g:
        header = "date,national_id,unit,service,hours\n"
        f.write(header)
        g.write(header)
        for index, day in enumerate(days):
            count = per_day + (1 if index < extra else 0)
            iso = day.isoformat()
            lines = []
            for number, service in rng.sample(pairs, count):
                hours = rng.choice(("0.5", "0.75", "1", "1.5", "2", "3"))
                lines.append(f"{iso},{number},{person_zone[number]},{service},{hours}\n")
            f.writelines(lines)
            if day.month == 1:
                g.writelines(line.replace(",0.5\n", ",1.25\n") for line in lines)
            written += count
    staff_rows = 0
    with open(out / "staff.csv", "w") as f:
        f.write(
            "month,unit,employee_id,position_pct,profession,relevant_education,"
            "contracted_hours,sick_leave_hours\n"
        )
        for code in zones:
            for e in range(STAFF_PER_UNIT):
                position = rng.choice((50, 60, 75, 80, 100))
                profession = PROFESSIONS[e % len(PROFESSIONS)]
                for month in range(1, 13):
                    contracted = round(162.5 * position / 100, 2)
                    sick = round(contracted * rng.choice((0, 0, 0, 0.05, 0.1, 0.5)), 2)
                    relevant = "true" if profession != "assistent" else "false"
                    f.write(
                        f"{year}-{month:02d},{code},{code}-E{e:03d},{position},{profession},"
                        f"{relevant},{contracted},{sick}\n"
                    )
                    staff_rows += 1
    with open(out / "budget.csv", "w") as f:
        f.write("month,unit,budget_nok,accounts_nok\n")
        for code in zones:
            for month in range(1, 13):
                budget = rng.randrange(2_000_000, 4_000_000)
                accounts = budget + rng.randrange(-200_000, 200_000)
                f.write(f"{year}-{month:02d},{code},{budget},{accounts}\n")
    days_in = calendar.monthrange(year, 1)[1]
    return {
        "units": len(codes),
        "persons": len(ids),
        "registrations": written,
        "registrations_month_days": days_in,
        "staff": staff_rows,
        "budget": len(zones) * 12,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=HERE / "data")
    parser.add_argument("--registrations", type=int, default=2_000_000)
    parser.add_argument("--year", type=int, default=2025)
    args = parser.parse_args()
    print(generate(args.out, args.registrations, args.year))


if __name__ == "__main__":
    main()
