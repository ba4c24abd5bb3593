"""The care-allowance parts of a decision letter (omsorgsstønad, seed 004 §1.8).

The letter goes to the carer, the party; the person cared for is named as the one the case
concerns. The amount in NOK and each step of the calculation are stated, so the reasons show
the facts and the rules that gave the figure (fvl §§ 24–25). Call inside translation.override.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from omsorg.cases.letters.common import Addressing, Recipient, letter_date
from omsorg.cases.models import Decision
from omsorg.core.numbers import number
from omsorg.people.models import Person, Relative


def nok(value: Decimal | str, lang: str) -> str:
    """An amount as the letter's language writes it: "16 520,00 kr"."""
    amount = number(value, 2, use_l10n=True, force_grouping=True)
    return _("NOK %(amount)s") % {"amount": amount}


def hours(value: Decimal | str) -> str:
    """Hours as a step of the calculation shows them: "94,50 timer"."""
    amount = Decimal(value)
    places = 0 if amount == amount.to_integral_value() else 2
    text = number(value, places, use_l10n=True, force_grouping=True)
    return _("%(hours)s hours") % {"hours": text}


def _level(code: str) -> str:
    labels = {
        "none": pgettext("care strain", "none"),
        "some": pgettext("care strain", "some"),
        "heavy": pgettext("care strain", "heavy"),
    }
    return labels.get(code, code)


@dataclass(frozen=True)
class Step:
    label: str
    value: str


def _address_lines(holder) -> tuple[str, ...]:
    city_line = f"{holder.postal_code} {holder.city}".strip()
    return tuple(line for line in (holder.street_address, city_line) if line)


def carer_addressing(person: Person, carer: Relative) -> Addressing:
    """To the carer; a carer without an address of their own lives with the person."""
    lines = _address_lines(carer) or _address_lines(person)
    return Addressing(person, to_guardians=False, recipients=(Recipient((carer.name,), lines),))


def _steps(facts: dict, steps: dict, lang: str) -> list[Step]:
    rows = [Step(_("Hours of care per month"), hours(steps["care_hours"]))]
    if Decimal(steps["normal_care_hours"]):
        rows.append(
            Step(_("Deducted: normal parental care for the age"), hours(steps["normal_care_hours"]))
        )
    weighing = _("strain %(strain)s, night work %(night)s, isolation %(isolation)s") % {
        "strain": _level(facts["strain"]),
        "night": _level(facts["night_work"]),
        "isolation": _level(facts["isolation"]),
    }
    share = number(Decimal(steps["share"]) * 100, 0)
    rows.append(
        Step(
            _("Weighing (%(weighing)s): %(share)s %% of %(net)s")
            % {"weighing": weighing, "share": share, "net": hours(steps["net_hours"])},
            hours(steps["compensated_hours"]),
        )
    )
    if Decimal(steps["assistance_hours"]):
        rows.append(
            Step(
                _("Deducted: granted assistance allowance (hjelpestønad) %(amount)s a month")
                % {"amount": nok(facts["assistance_allowance_per_month"], lang)},
                hours(steps["assistance_hours"]),
            )
        )
    if steps["capped"] == "True":
        rows.append(
            Step(
                _("Limited: with the assistance allowance at most a full-time month (100 %)"),
                hours(steps["room_hours"]),
            )
        )
    return rows


def allowance_parts(decision: Decision, lang: str) -> dict:
    """Letter context for a carer's decision; empty for every other decision."""
    if decision.carer is None:
        return {}
    parts = {"to_carer": True, "addressing": carer_addressing(decision.person, decision.carer)}
    recorded = decision.allowance or {}
    if decision.monthly_amount is None or not recorded.get("steps"):
        return parts
    steps = recorded["steps"]
    parts.update(
        amount=_("%(amount)s per month") % {"amount": nok(decision.monthly_amount, lang)},
        calculation=_steps(recorded["facts"], steps, lang),
        calculation_result=_("%(hours)s hours x %(rate)s = %(amount)s per month")
        % {
            "hours": steps["hours"],
            "rate": nok(steps["hourly_rate"], lang),
            "amount": nok(decision.monthly_amount, lang),
        },
        rate_from=letter_date(date.fromisoformat(steps["rate_valid_from"]), lang),
    )
    return parts
