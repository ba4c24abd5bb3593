"""Wipe what the demo built: its persons and their cases, its users, its units, its records.

Catalogues and municipalities stay: catalogue_load stores them once and finds them again, and
other data may rest on them. Rows hang together by protected foreign keys (a decision keeps
the decision it replaced), so the links inside the demo's own rows are cut first and the rows
deleted from the leaves up, all in one transaction: a failure leaves everything as it was.
"""

from django.db import transaction
from django.db.models import Q

from omsorg.cases.models import (
    Appeal,
    Application,
    Assessment,
    CareAllowanceRate,
    CaseFile,
    CaseNumberSeries,
    Decision,
    Document,
    PreliminaryReply,
    Review,
)
from omsorg.core.models import CaseEvent, IntermunicipalCompany, Municipality, Unit, User
from omsorg.demo.alver import NUMBER as ALVER_NUMBER
from omsorg.demo.alver import ORGANISATION as ALVER_UNITS
from omsorg.demo.models import DemoBuild
from omsorg.demo.organisation import ORGANISATION
from omsorg.demo.personas import DEMO_EMAIL_DOMAIN
from omsorg.homecare import models as homecare
from omsorg.people.models import AccessLog, AccessLogCheck, Assignment, Consent, Person, Relative
from omsorg.respite.models import (
    DayStay,
    Incompatibility,
    Placement,
    PlanRun,
    RespiteHome,
    Stay,
    StayReport,
)
from omsorg.staffing.demo import staffing_demo_delete
from omsorg.steering import models as steering


def _cases_delete(persons) -> None:
    decisions = Decision.objects.filter(person__in=persons)
    case_files = set(decisions.values_list("case_file_id", flat=True))
    case_files |= set(
        Application.objects.filter(person__in=persons).values_list("case_file_id", flat=True)
    )
    Document.objects.filter(case_file__in=case_files).delete()
    Review.objects.filter(decision__in=decisions).update(new_decision=None)
    Review.objects.filter(decision__in=decisions).delete()
    Appeal.objects.filter(decision__in=decisions).update(new_decision=None)
    Appeal.objects.filter(decision__in=decisions).delete()
    decisions.update(replaces=None)
    decisions.delete()
    applications = Application.objects.filter(person__in=persons)
    PreliminaryReply.objects.filter(application__in=applications).delete()
    Assessment.objects.filter(application__in=applications).delete()
    applications.delete()
    municipalities = set(
        CaseFile.objects.filter(pk__in=case_files).values_list("municipality_id", flat=True)
    )
    CaseFile.objects.filter(pk__in=case_files).delete()
    # A wiped demo numbers its cases from 1 again, unless real cases remain in the series.
    for municipality in municipalities:
        if not CaseFile.objects.filter(municipality_id=municipality).exists():
            CaseNumberSeries.objects.filter(municipality_id=municipality).delete()


def _respite_delete(municipalities, companies) -> list[int]:
    """The demo's respite homes with their stays, day stays, reports, plans and placements;
    returns the homes' units (closures, owners, shifts, day places and family nights and days
    go with the rows they hang on)."""
    homes = RespiteHome.objects.filter(
        Q(unit__municipality_id__in=municipalities) | Q(unit__company__in=companies)
    )
    units = list(homes.values_list("unit_id", flat=True))
    StayReport.objects.filter(stay__home__in=homes).delete()
    Stay.objects.filter(home__in=homes).delete()
    DayStay.objects.filter(home__in=homes).delete()
    PlanRun.objects.filter(home__in=homes).delete()
    Incompatibility.objects.filter(home__in=homes).delete()
    Placement.objects.filter(home__in=homes).delete()
    homes.delete()
    return units


def _delivery_delete(persons, municipalities) -> None:
    """The demo's delivered hours (omsorg.demo.delivery): registrations of its persons and
    its hours per respite night (their imports go in _steering_delete)."""
    steering.Registration.objects.filter(person__in=persons).delete()
    steering.HoursPerUnit.objects.filter(municipality_id__in=municipalities).delete()


def _homecare_delete(municipalities) -> None:
    """The zones' day plans with their visits and shifts, patterns, addresses, staff lists and
    bases (visits before the decisions and persons they name)."""
    zones = Unit.objects.filter(municipality_id__in=municipalities, kind=Unit.Kind.ZONE)
    homecare.Visit.objects.filter(day_plan__zone__in=zones).delete()
    homecare.DayPlan.objects.filter(zone__in=zones).delete()
    homecare.VisitPattern.objects.filter(zone__in=zones).update(follows=None)
    homecare.VisitPattern.objects.filter(zone__in=zones).delete()
    homecare.Address.objects.filter(zone__in=zones).delete()
    homecare.StaffMember.objects.filter(zone__in=zones).delete()
    homecare.ZoneBase.objects.filter(unit__in=zones).delete()


def _persons_delete(persons, users) -> None:
    AccessLogCheck.objects.filter(checked_by__in=users).delete()
    AccessLog.objects.filter(person__in=persons).delete()
    AccessLog.objects.filter(actor__in=users).delete()
    Assignment.objects.filter(person__in=persons).delete()
    Assignment.objects.filter(staff__in=users).delete()
    Consent.objects.filter(person__in=persons).delete()
    Relative.objects.filter(person__in=persons).delete()
    persons.delete()


def _steering_delete(municipalities) -> None:
    """The demo's steering data (seed 002's scorecard, imports): rows before their imports."""
    for model in (steering.ScorecardNote, steering.KpiTarget, steering.SurveyScore):
        model.objects.filter(municipality_id__in=municipalities).delete()
    events = steering.ImportEvent.objects.filter(municipality_id__in=municipalities)
    for model in (steering.Registration, steering.StaffMonth, steering.BudgetMonth):
        model.objects.filter(import_event__in=events).delete()
    steering.KostraFigure.objects.filter(municipality_id__in=municipalities).delete()
    steering.PendingImport.objects.filter(municipality_id__in=municipalities).delete()
    events.delete()


@transaction.atomic
def demo_reset() -> dict[str, int]:
    """Delete every demo build's data; return how many persons and users went."""
    municipalities = list(DemoBuild.objects.values_list("municipality_id", flat=True).distinct())
    # Alver, the demo's nynorsk municipality, is built with every demo (omsorg.demo.alver).
    municipalities += list(
        Municipality.objects.filter(number=ALVER_NUMBER).values_list("pk", flat=True)
    )
    users = User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}")
    # Demo persons are the synthetic persons of the demo municipality (synthetic numbers are
    # refused in production, so no real person can be among them).
    # The intermunicipal company the demo staffed (seed 000), and the children placed there:
    # persons of the owner and buyer municipalities.
    companies = list(IntermunicipalCompany.objects.filter(units__staff__in=users).distinct())
    placed = Placement.objects.filter(home__unit__company__in=companies).values("person_id")
    # Ids fixed now: the placements that find the company's children go first.
    ids = Person.objects.filter(
        Q(municipality_id__in=municipalities) | Q(pk__in=placed), synthetic=True
    ).values_list("pk", flat=True)
    persons = Person.objects.filter(pk__in=list(ids))
    counts = {"persons": persons.count(), "users": users.count()}
    CaseEvent.objects.filter(person_id__in=persons.values("pk")).delete()
    CaseEvent.objects.filter(actor__in=users).delete()
    staffing_demo_delete(
        Unit.objects.filter(Q(municipality_id__in=municipalities) | Q(company__in=companies))
    )
    # Business plans (with their goals, measures and reports) before their units and users.
    steering.BusinessPlan.objects.filter(
        Q(unit__municipality_id__in=municipalities) | Q(unit__company__in=companies)
    ).delete()
    home_units = _respite_delete(municipalities, companies)
    _delivery_delete(persons, municipalities)
    _homecare_delete(municipalities)
    _steering_delete(municipalities)
    _cases_delete(persons)
    _persons_delete(persons, users)
    users.delete()
    Unit.objects.filter(pk__in=home_units).delete()
    for company in companies:
        company.owners.clear()
        company.delete()
    for spec in (*reversed(ORGANISATION), *reversed(ALVER_UNITS)):  # children before parents
        Unit.objects.filter(municipality_id__in=municipalities, name=spec.name).delete()
    # The demo's care-allowance rates (demo assumptions, omsorg.demo.care_allowance).
    CareAllowanceRate.objects.filter(municipality_id__in=municipalities).delete()
    DemoBuild.objects.all().delete()
    return counts
