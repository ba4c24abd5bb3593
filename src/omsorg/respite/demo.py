"""The respite part of the demo: Flata avlastning and the intermunicipal home of seed 000.

``build_respite_demo`` is called by the demo command after the case spine is built. Everything
about children goes through the services (decisions through ``decision_make``, stays through
plan runs and the engine); units, staff logins and guardians' logins are written directly, as
the demo writes its organisation, since no service makes them. Numbers the seeds do not give
(beds at the IKS, owners' shares, the price per night) are assumptions, named below.
"""

import datetime
import random
from dataclasses import dataclass, field, replace
from decimal import Decimal

import holidays
from django.utils.text import slugify
from faker import Faker

from omsorg.cases.deadlines import add_months
from omsorg.cases.services.decisions import DecisionInput, decision_make, decision_notify
from omsorg.catalogue.models import CatalogueVersion, ServiceType
from omsorg.catalogue.selectors import version_spec
from omsorg.catalogue.services import catalogue_version_save
from omsorg.core.models import IntermunicipalCompany, Municipality, Role, Unit, User
from omsorg.people.models import Assignment, Relative
from omsorg.people.selectors import unused_synthetic_number
from omsorg.people.services import assignment_create, person_create, relative_add
from omsorg.respite.models import FamilyNight, PlanRun, RespiteHome, Stay
from omsorg.respite.selectors import placement_person, unplaced_children
from omsorg.respite.services.days import day_stay_set_status, family_day_set, home_days_update
from omsorg.respite.services.homes import (
    HomeInput,
    PlacementInput,
    closure_add,
    family_night_set,
    home_setup,
    incompatibility_add,
    owner_set,
    placement_create,
    shift_add,
)
from omsorg.respite.services.plans import plan_run_accept, plan_run_request
from omsorg.respite.services.reports import ReportInput, report_review, report_write
from omsorg.respite.services.runs import plan_run_execute
from omsorg.respite.services.stays import stay_set_status

DAY = datetime.timedelta(days=1)
FLATA = "Flata avlastning"
IKS = "Avlastningshjemmet IKS"
# Seed 000 (2017) names six owners: Askim, Eidsberg, Marker, Skiptvet, Spydeberg and Trøgstad.
# Askim, Eidsberg, Spydeberg and Trøgstad (with Hobøl) became Indre Østfold on 1 January 2020,
# so in 2026 the owners are three municipalities, with the numbers of 2024 (Østfold again).
# The seed gives no shares: these are the demo's assumption (roughly by population), and the
# owners' accounting says so beside each share.
IKS_OWNERS = (
    ("3118", "Indre Østfold", "85"),
    ("3122", "Marker", "7.5"),
    ("3116", "Skiptvet", "7.5"),
)
IKS_SHARE_NOTE = "Antatt i demoen: seed 000 oppgir ingen eierandeler."
IKS_BUYER = ("3120", "Rakkestad")  # buys spare capacity (seed 000: "andre kommuner")
IKS_BEDS, IKS_PRICE = 6, Decimal("4800.00")  # assumed: the seed gives neither
IKS_APPEAL_BODY = "Statsforvalteren i Østfold, Buskerud, Oslo og Akershus"
FLATA_BEDS = 4
HISTORY_DAYS = 42  # stays in the past, with reports (some missing)
PLAN_SECONDS = 3
MISSING_REPORT_SHARE = 0.2  # of past stays: no report yet (shows on the worklist)


@dataclass
class RespiteDemo:
    homes: list[RespiteHome] = field(default_factory=list)
    # (username, password, what to try): printed by the demo command.
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    email_domain: str = "demo.invalid"


def _password(username: str) -> str:
    # The demo's convention (omsorg.demo.personas): printed on purpose, demo only.
    return f"omsorg-demo-{username}"


def _user(municipality, username: str, role: str, unit, faker, demo: RespiteDemo, what: str):
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(
            username=username,
            email=f"{username}@{demo.email_domain}",  # how a demo reset finds its users
            password=_password(username),
            role=role,
            municipality=municipality,
            unit=unit,
            first_name=faker.first_name(),
            last_name=faker.last_name(),
        )
        demo.logins.append((username, _password(username), what))
    return user


def _staff(municipality, unit: Unit, prefix: str, faker, demo) -> tuple[User, list[User]]:
    """The home's leader (the demo's own if there is one) and three care workers."""
    leader = User.objects.filter(role=Role.SERVICE_LEADER, unit=unit).order_by("pk").first()
    if leader is None:
        leader = _user(municipality, f"leder_{prefix}", Role.SERVICE_LEADER, unit, faker, demo,
                       f"leder {unit.name}: plan, kalender, regnskap")  # fmt: skip
    workers = list(User.objects.filter(role=Role.CARE_WORKER, unit=unit).order_by("pk")[:3])
    for number in range(len(workers) + 1, 4):
        workers.append(
            _user(
                municipality,
                f"avlaster_{prefix}{number}",
                Role.CARE_WORKER,
                unit,
                faker,
                demo,
                f"miljøarbeider {unit.name}: rapporter etter opphold",
            )  # fmt: skip
        )
    return leader, workers


def _home(municipality, name: str, beds: int, price, faker, demo, company=None):
    """A respite home: a unit of the municipality, or of the intermunicipal company (whose
    staff then belong to no municipality)."""
    owner = {"company": company} if company else {"municipality": municipality}
    unit = Unit.objects.get_or_create(
        **owner, name=name, defaults={"kind": Unit.Kind.RESPITE_HOME, "code": "AVL-IKS"}
    )[0]
    staff_municipality = None if company else municipality
    prefix = "flata" if name == FLATA else "iks"
    leader, workers = _staff(staff_municipality, unit, prefix, faker, demo)
    home = RespiteHome.objects.filter(unit=unit).first() or home_setup(
        actor=leader,
        unit=unit,
        data=HomeInput(beds=beds, max_one_to_one_per_night=2, price_per_night=price),
    )
    return home, leader, workers


def _closures(home, leader, today) -> None:
    """Norwegian public holidays and a three-week summer closure (weeks 28-30), each year."""
    years = [today.year - 1, today.year, today.year + 1]
    for night, name in sorted(holidays.country_holidays("NO", years=years, language="no").items()):
        closure_add(actor=leader, home=home, first_night=night, last_night=night,
                    kind="holiday", name=name)  # fmt: skip
    for year in years:
        monday = datetime.date.fromisocalendar(year, 28, 1)
        closure_add(actor=leader, home=home, first_night=monday, last_night=monday + 20 * DAY,
                    kind="summer", name="Sommerstengt")  # fmt: skip


def _company() -> IntermunicipalCompany:
    """Avlastningshjemmet IKS: its own organisation (IKS-loven), not a unit of an owner."""
    return IntermunicipalCompany.objects.get_or_create(name=IKS)[0]


def _owners(home, leader, service_type) -> list[Municipality]:
    """The owner municipalities with the demo's assumed shares, each with its own catalogue."""
    owners = []
    company = home.unit.company
    for number, name, share in IKS_OWNERS:
        municipality = _adopt_catalogue(number, name, service_type).version.catalogue.municipality
        owner_set(actor=leader, home=home, municipality=municipality,
                  share_percent=Decimal(share), note=IKS_SHARE_NOTE)  # fmt: skip
        company.owners.add(municipality)
        owners.append(municipality)
    return owners


def _adopt_catalogue(number: str, name: str, service_type: ServiceType) -> ServiceType:
    """The children's respite-home service as the catalogue of an IKS municipality (the demo
    has one catalogue; each municipality decides for its own children under its own)."""
    spec = version_spec(service_type.version)
    service = spec.service(service_type.code)
    service = replace(service, appeal=replace(service.appeal, body=IKS_APPEAL_BODY))
    own = replace(
        spec,
        code=f"{spec.code}_{number}",
        municipality_name=name,
        municipality_number=number,
        written_language="nb",
        coordinating_unit=f"{name} kommune",
        version_label=f"{spec.version_label}, tatt i bruk av {name} (demo)",
        services=(service,),
    )
    version = CatalogueVersion.objects.filter(catalogue__code=own.code).first()
    version = version or catalogue_version_save(spec=own)
    return version.service_types.get(code=service_type.code)


@dataclass
class ChildPlan:
    """One child's respite: its decision's scope and what the planner needs besides."""

    quantity: int
    per: str
    min_nights: int
    max_nights: int
    weekdays: tuple[str, ...]
    one_to_one: bool


def _child_plan(rng: random.Random) -> ChildPlan:
    per = rng.choice(("week", "month", "month"))
    quantity = rng.choice((1, 2)) if per == "week" else rng.choice((4, 6, 8))
    low = rng.choice((1, 2))
    weekdays = rng.choice((("fri", "sat"), ("sat", "sun"), ("wed",), ()))
    return ChildPlan(quantity, per, low, low + rng.choice((1, 2)), weekdays, rng.random() < 0.2)


def _decide(actor, person, service_type, unit, plan: ChildPlan, start, scope_unit="") -> None:
    """A granted respite-home decision, in force from `start` for a year: nights, or with
    ``scope_unit`` days or hours (day stays, seed 004 §1.4)."""
    data = DecisionInput(
        service_type=service_type,
        outcome="granted",
        reasons="Familien har særlig tyngende omsorgsoppgaver (hol. § 3-6, pbrl. § 2-8).",
        quantity=plan.quantity,
        scope_period=plan.per,
        scope_unit=scope_unit,
        valid_from=start,
        valid_to=add_months(start, 12) - DAY,
        review_date=add_months(start, 11),
        justification="Skjønnsmessig vurdert: avlastning i bolig er det minst inngripende "
        "tiltaket som dekker behovet.",
        unit=unit,
    )
    decision = decision_make(actor=actor, person=person, data=data, today=start)
    decision_notify(actor=actor, decision=decision, notified_on=start, today=start)


@dataclass
class _Context:
    actor: User  # the demo caseworker
    municipality: Municipality
    today: datetime.date
    service_type: ServiceType
    rng: random.Random
    faker: Faker
    demo: RespiteDemo
    plan_seconds: int
    next_number: int = 1
    seed: int = 0


@dataclass(frozen=True)
class Decider:
    """Who decides for a municipality's children, under which service of its catalogue."""

    caseworker: User
    service_type: ServiceType


@dataclass
class HomeSetting:
    home: RespiteHome
    leader: User
    workers: list[User]
    municipalities: list[Municipality]  # the children's own municipalities, in turn
    deciders: dict[int, Decider] = field(default_factory=dict)  # by municipality id


def _child(ctx: _Context, setting: HomeSetting, number: int, index: int):
    """A child with a decision, a guardian with a login, a placement and a primary contact."""
    rng, start = ctx.rng, ctx.today - 120 * DAY
    birth = ctx.today - datetime.timedelta(days=rng.randint(6 * 365, 16 * 365))
    # A person of its own municipality, decided for by that municipality's caseworker.
    municipality = setting.municipalities[index % len(setting.municipalities)]
    decider = setting.deciders[municipality.pk]
    person = person_create(
        actor=decider.caseworker,
        identity_number=unused_synthetic_number(birth, rng),
        given_name=ctx.faker.first_name(),
        family_name=ctx.faker.last_name(),
    )
    plan = _child_plan(rng)
    _decide(decider.caseworker, person, decider.service_type, setting.home.unit, plan, start)
    _guardian(ctx, decider.caseworker, person, number)
    placement = placement_create(
        actor=setting.leader,
        home=setting.home,
        person=person,
        data=PlacementInput(
            municipality=municipality,
            min_nights=plan.min_nights,
            max_nights=plan.max_nights,
            preferred_weekdays=plan.weekdays,
            one_to_one=plan.one_to_one,
        ),
        today=start,
    )
    _assign(setting, person, number, start)
    return placement


def _assign(setting: HomeSetting, person, number: int, start) -> None:
    """The home's care workers serve the child; one is its primary contact (seed 000)."""
    for index, worker in enumerate(setting.workers):
        kind = "primary_contact" if index == number % len(setting.workers) else "care_worker"
        assignment_create(actor=setting.leader, person=person, staff=worker, kind=kind,
                          valid_from=start)  # fmt: skip


def _guardian(ctx: _Context, caseworker: User, person, number: int) -> None:
    username = f"foresatt{number}"
    relative = relative_add(
        actor=caseworker,
        person=person,
        name=f"{ctx.faker.first_name()} {person.family_name}",
        relation=Relative.Relation.PARENT,
        is_guardian=True,
    )
    user = _user(person.municipality, username, Role.GUARDIAN, None, ctx.faker, ctx.demo,
                 f"foresatt til {person.given_name}: opphold, rapporter, kalender")  # fmt: skip
    # No people service links a family login yet; the demo writes the link, as for units.
    Relative.objects.filter(pk=relative.pk).update(user=user)


def _family_nights(placements, leader, rng, today) -> None:
    for placement in placements[::3]:
        night = today + rng.randint(3, 25) * DAY
        kind = rng.choice(FamilyNight.Kind.values)
        family_night_set(actor=leader, placement=placement, night=night, kind=kind, today=today)
    if len(placements) >= 2:
        incompatibility_add(actor=leader, first=placements[0], second=placements[1],
                            reason="Uro når de er sammen.")  # fmt: skip


def _plan(setting: HomeSetting, first, last, today, seconds: int) -> list[Stay]:
    """Ask for a plan, run the engine (as the worker would), accept it."""
    run = plan_run_request(actor=setting.leader, home=setting.home, first_night=first,
                           last_night=last, time_limit=seconds, today=today)  # fmt: skip
    # Run here, as the worker would; a run the immediate backend has already done is left
    # as it is, and so is this one when the worker later picks up its task.
    run = plan_run_execute(run_id=run.pk)
    if run.status != PlanRun.Status.FINISHED or run.plan_status == "infeasible":
        return []
    return plan_run_accept(actor=setting.leader, run=run, expected_version=run.version,
                           today=today)  # fmt: skip


def _shifts(setting: HomeSetting, first, last) -> None:
    night = first
    while night <= last:
        lead, other = setting.workers[night.day % 3], setting.workers[(night.day + 1) % 3]
        shift_add(actor=setting.leader, home=setting.home, date=night, staff=lead,
                  is_shift_lead=True)  # fmt: skip
        shift_add(actor=setting.leader, home=setting.home, date=night, staff=other,
                  is_shift_lead=False)  # fmt: skip
        night += DAY


def _writer(setting: HomeSetting, stay: Stay):
    """A worker of the home who served the child when the stay ended (their service need)."""
    serving = Assignment.objects.filter(
        person_id=stay.placement.person_id,
        staff__in=setting.workers,
        valid_from__lte=stay.ends_on,
    ).exclude(valid_to__lt=stay.ends_on)
    staff_ids = sorted(serving.values_list("staff_id", flat=True))
    if not staff_ids:
        return None
    chosen = staff_ids[stay.first_night.day % len(staff_ids)]
    return next(worker for worker in setting.workers if worker.pk == chosen)


def _reports(setting: HomeSetting, stays: list[Stay], rng, today) -> None:
    """Reports after past stays: most reviewed, some awaiting review, some missing."""
    for stay in stays:
        if stay.ends_on > today or rng.random() < MISSING_REPORT_SHARE:
            continue
        # A child none of the care workers serves gets the report from the leader, and it
        # waits for a shift lead: the writer never reviews their own report (four eyes).
        writer = _writer(setting, stay) or setting.leader
        report = report_write(actor=writer, stay=stay, data=_report_text(rng), today=stay.ends_on)
        if stay.ends_on < today - DAY and writer != setting.leader:
            report_review(actor=setting.leader, report=report, expected_version=report.version,
                          today=stay.ends_on + DAY)  # fmt: skip


def _report_text(rng: random.Random) -> ReportInput:
    return ReportInput(
        sleep=rng.choice(("Sov godt hele natten.", "Våknet én gang, sovnet fort igjen.")),
        food=rng.choice(("Spiste godt til middag og frokost.", "Lite matlyst, drakk godt.")),
        medication=rng.choice(("", "Faste medisiner gitt kl. 08 og 20.")),
        activities=rng.choice(("Tur i nærområdet og spill.", "Baking og film.", "Svømming.")),
        incidents=rng.choice(("", "", "Lite fall i gangen, ingen skade.")),
        message=rng.choice(("Hyggelig opphold!", "Gleder oss til neste gang.", "")),
    )


def _place_existing(setting: HomeSetting, today) -> list:
    """Children the case spine already gave a respite decision for this home, served by the
    home's care workers from before the history's first stay (they write the reports)."""
    placements = []
    for person_id, _name in unplaced_children(actor=setting.leader, home=setting.home,
                                              today=today):  # fmt: skip
        person = placement_person(actor=setting.leader, person_id=person_id, today=today)
        data = PlacementInput(municipality=person.municipality, min_nights=1, max_nights=3)
        placements.append(placement_create(actor=setting.leader, home=setting.home,
                                           person=person, data=data, today=today))  # fmt: skip
        # One of the home's own care workers (the last: the case spine's care worker keeps
        # only the children she is primary contact for).
        since = today - (HISTORY_DAYS + 1) * DAY
        assignment_create(actor=setting.leader, person=person, staff=setting.workers[-1],
                          kind="care_worker", valid_from=since)  # fmt: skip
    return placements


# Flata takes children by day too (seed 004 §1.4: "på timebasis", afternoons, holidays): two
# day places, 14-18. The second child gets afternoons beside its nights (days per month), the
# fifth hours per month (4-hour day stays: 8 hours is 2 day stays). Assumed: no seed gives them.
FLATA_DAY_PLACES = 2
DAY_GRANTS = ((1, 4, "days"), (4, 8, "hours"))  # (child index, quantity per month, unit)


def _day_stays(ctx: _Context, setting: HomeSetting, placements: list) -> None:
    """Day places at the home, a second decision in days or hours for two children, and a
    wished day (the family's wishes mirror the nights')."""
    home = home_days_update(actor=setting.leader, home=setting.home,
                            day_places=FLATA_DAY_PLACES, day_start_time=datetime.time(14),
                            day_end_time=datetime.time(18),
                            expected_version=setting.home.version)  # fmt: skip
    setting.home = home
    start = ctx.today - 120 * DAY
    for index, quantity, unit in DAY_GRANTS:
        placement = placements[index]
        decider = setting.deciders[placement.municipality_id]
        plan = ChildPlan(quantity, "month", 1, 1, (), False)
        _decide(decider.caseworker, placement.person, decider.service_type, home.unit, plan,
                start, scope_unit=unit)  # fmt: skip
        family_day_set(actor=setting.leader, placement=placement, kind="wished",
                       date=ctx.today + (3 + index) * DAY, today=ctx.today)  # fmt: skip


def _populate(ctx: _Context, setting: HomeSetting, count: int, days: bool = False) -> None:
    # Each home draws from its own stream: the plans (time-limited, so not repeatable to the
    # night) use random numbers too, and must not shift the next home's children and families.
    ctx.rng = random.Random(f"{ctx.seed}-{setting.home.unit.name}")
    today, rng = ctx.today, ctx.rng
    placements = [_child(ctx, setting, ctx.next_number + i, i) for i in range(count)]
    ctx.next_number += count
    past_first = today - HISTORY_DAYS * DAY
    placements += _place_existing(setting, today)
    if days:
        _day_stays(ctx, setting, placements)
    _shifts(setting, past_first, today + 31 * DAY)
    past = _plan(setting, past_first, today - DAY, past_first, ctx.plan_seconds)
    _reports(setting, past, rng, today)
    _family_nights(placements, setting.leader, rng, today)
    coming = _plan(setting, today, today + 31 * DAY, today, ctx.plan_seconds)
    for stay in coming[: len(coming) // 3]:
        stay_set_status(actor=setting.leader, stay=stay, status=Stay.Status.CONFIRMED,
                        expected_version=stay.version)  # fmt: skip
    for day in setting.home.day_stays.filter(date__gte=today).order_by("date")[:1]:
        day_stay_set_status(actor=setting.leader, day_stay=day, status=Stay.Status.CONFIRMED,
                            expected_version=day.version)  # fmt: skip


def build_respite_demo(
    *,
    municipality: Municipality,
    actor: User,
    today: datetime.date,
    rng: random.Random,
    plan_seconds: int = PLAN_SECONDS,
    email_domain: str = "demo.invalid",
) -> RespiteDemo:
    """Flata avlastning (4 beds, 2 day places) and the IKS home (three owners in 2026) with
    children, guardians, past stays with reports (some missing) and an accepted plan for the
    coming month; at Flata two children also have day stays (a decision in days or hours).

    ``actor`` is the demo caseworker: she registers the children and makes their decisions.
    Returns the logins made (guardians ``foresatt1``..., leaders and staff where missing).
    """
    seed = rng.randint(0, 2**31)
    faker = Faker("no_NO")
    faker.seed_instance(seed)
    service_type = (
        ServiceType.objects.filter(
            code="respite_home", version__catalogue__municipality=municipality
        )
        .order_by("-version__number")
        .first()
    )
    ctx = _Context(actor, municipality, today, service_type, rng, faker,
                   RespiteDemo(email_domain=email_domain), plan_seconds, seed=seed)  # fmt: skip
    flata, leader, workers = _home(municipality, FLATA, FLATA_BEDS, None, faker, ctx.demo)
    _closures(flata, leader, today)
    own = {municipality.pk: Decider(actor, service_type)}
    _populate(ctx, HomeSetting(flata, leader, workers, [municipality], own), 10, days=True)
    iks = _iks(ctx)
    ctx.demo.homes = [flata, iks]
    return ctx.demo


def _iks(ctx: _Context) -> RespiteHome:
    """The intermunicipal home (seed 000): its own organisation with owner municipalities;
    its children are persons of the owners and of a buyer, each decided for by its own
    municipality's caseworker."""
    iks, leader, workers = _home(None, IKS, IKS_BEDS, IKS_PRICE, ctx.faker, ctx.demo,
                                 company=_company())  # fmt: skip
    _closures(iks, leader, ctx.today)
    owners = _owners(iks, leader, ctx.service_type)
    buyer_type = _adopt_catalogue(*IKS_BUYER, ctx.service_type)
    buyer = buyer_type.version.catalogue.municipality
    deciders = {m.pk: _decider(ctx, m) for m in owners}
    deciders[buyer.pk] = Decider(_caseworker(ctx, buyer), buyer_type)
    # The first and the eighth child's nights are bought by a municipality outside the IKS.
    _populate(ctx, HomeSetting(iks, leader, workers, [buyer, *owners], deciders), 8)
    return iks


# slugify drops letters it cannot fold to ASCII: "Indre Østfold" became "indre_stfold".
_ASCII_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def _caseworker(ctx: _Context, municipality: Municipality) -> User:
    slug = slugify(municipality.name.translate(_ASCII_LETTERS)).replace("-", "_")
    return _user(municipality, f"saksbehandler_{slug}", Role.CASEWORKER, None, ctx.faker,
                 ctx.demo, f"saksbehandler i {municipality.name}")  # fmt: skip


def _decider(ctx: _Context, municipality: Municipality) -> Decider:
    service_type = ServiceType.objects.get(
        code=ctx.service_type.code, version__catalogue__municipality=municipality
    )
    return Decider(_caseworker(ctx, municipality), service_type)
