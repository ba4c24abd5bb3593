"""What happens after a decision: reviews, appeals, a stay that has ended."""

from datetime import date

from omsorg.cases.deadlines import add_months
from omsorg.cases.models import Appeal, Decision, Review
from omsorg.cases.services.appeals import (
    appeal_forward,
    appeal_record_outcome,
    appeal_register,
    appeal_reverse,
)
from omsorg.cases.services.decisions import decision_end
from omsorg.cases.services.reviews import review_record
from omsorg.demo import specs, texts, volumes
from omsorg.demo.specs import DecisionSpec, EpisodeSpec
from omsorg.demo.steps import Context, decision_input, notify
from omsorg.demo.timelines import days

NOTIFY_AFTER_DAYS = 2  # a new decision's letter reaches the person two days later


def follow_up(ctx, application, decisions: list[Decision], episode: EpisodeSpec) -> None:
    kind, dates = episode.follow_up, episode.follow_dates
    if kind in (specs.REVIEW_CONTINUE, specs.REVIEW_CHANGE, specs.REVIEW_END):
        for decision, spec in zip(decisions, episode.decisions, strict=True):
            _review(ctx, application, decision, spec, kind, dates[0])
    elif kind == specs.END_AFTER_STAY:
        for decision in decisions:
            decision_end(actor=ctx.actor, decision=decision, ended_on=dates[0])
    elif kind in specs.APPEALS:
        _appeal(ctx, application, decisions[0], episode.decisions[0], kind, dates)


def _review(ctx, application, decision: Decision, spec: DecisionSpec, kind: str, on: date):
    """The yearly review (seed 004 §2): continue, renew for a new year, or end."""
    if kind == specs.REVIEW_CONTINUE:
        review_record(
            actor=ctx.actor,
            decision=decision,
            performed_on=on,
            outcome=Review.Outcome.CONTINUE,
            notes=texts.review_notes("continue", ctx.municipality.written_language),
            today=on,
            next_review_date=add_months(on, 12),
        )
    elif kind == specs.REVIEW_END:
        review_record(
            actor=ctx.actor,
            decision=decision,
            performed_on=on,
            outcome=Review.Outcome.END,
            notes=texts.review_notes("end", ctx.municipality.written_language),
            today=on,
        )
    else:
        _renew(ctx, application, decision, spec, on)


def _renew(ctx, application, decision: Decision, spec: DecisionSpec, on: date) -> None:
    """A time-limited grant renewed at its review: a new decision from the day after."""
    start = decision.valid_to + days(1)
    months = volumes.months_of(spec.service) or 12
    renewal = DecisionSpec(
        spec.service,
        spec.outcome,
        spec.requested,
        spec.quantity,
        spec.unit,
        start,
        add_months(start, months) - days(1),
        add_months(on, 12),
    )
    review = review_record(
        actor=ctx.actor,
        decision=decision,
        performed_on=on,
        outcome=Review.Outcome.CHANGE,
        notes=texts.review_notes("change", ctx.municipality.written_language),
        today=on,
        new_decision=decision_input(ctx, decision.person, application, renewal, on, None),
    )
    _notify_later(ctx, review.new_decision, on)


def _notify_later(ctx: Context, decision: Decision, decided_on: date) -> None:
    notified = min(ctx.today, decided_on + days(NOTIFY_AFTER_DAYS))
    notify(ctx, decision, notified)


def _appeal(ctx, application, decision: Decision, spec: DecisionSpec, kind: str, dates):
    """An appeal to the coordinating unit (fvl §32), which reverses or forwards it."""
    appeal = appeal_register(
        actor=ctx.actor,
        decision=decision,
        received_on=dates[0],
        grounds=texts.appeal_grounds(decision.service_type, ctx.municipality.written_language),
        today=dates[0],
        late_reason=texts.late_reason(ctx.municipality.written_language)
        if kind == specs.APPEAL_LATE
        else "",
    )
    if kind in (specs.APPEAL_FORWARDED, specs.APPEAL_CLOSED):
        appeal_forward(
            actor=ctx.actor,
            appeal=appeal,
            reassessment=texts.reassessment(ctx.municipality.written_language),
            forwarded_on=dates[1],
            today=dates[1],
        )
    if kind == specs.APPEAL_CLOSED:
        appeal_record_outcome(
            actor=ctx.actor,
            appeal=appeal,
            outcome=Appeal.Outcome.REJECTED,
            outcome_on=dates[2],
            today=dates[2],
        )
    if kind == specs.APPEAL_REVERSED:
        _reverse(ctx, application, decision, appeal, spec, dates[1])


def _reverse(ctx, application, decision, appeal, spec: DecisionSpec, on: date) -> None:
    """The unit gives the appellant right: the service as applied for, from that day."""
    months = volumes.months_of(spec.service)
    person = decision.person
    granted = DecisionSpec(
        spec.service,
        specs.GRANTED,
        spec.requested,
        spec.requested,
        person.unit.name if person.unit_id else None,
        on,
        add_months(on, months) - days(1) if months else None,
        add_months(on, 12),
    )
    data = decision_input(ctx, person, application, granted, on, None)
    new = appeal_reverse(actor=ctx.actor, appeal=appeal, data=data, partly=False, today=on)
    _notify_later(ctx, new, on)
