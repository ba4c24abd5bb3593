"""The roster checker's rules in the leader's words (issue 11 §2: violated rules named)."""

from django.utils.translation import gettext_lazy as _

RULE_TEXTS = {
    "days_off": _("works on a day off"),
    "cannot_be_followed_by": _("a shift that may not follow the day before's"),
    "daily_rest": _("daily rest under 11 hours (Working Environment Act § 10-8 (1))"),
    "weekly_rest": _("weekly rest under 35 hours in 7 days (Working Environment Act § 10-8 (2))"),
    "max_shifts": _("more shifts of a type than allowed"),
    "minutes": _("hours over the period do not match the position"),
    "consecutive_shifts": _("too many days in a row"),
    "min_consecutive_days_off": _("a day off too short between shifts"),
    "max_weekends": _("more weekends than every third"),
}
# Hard rules a hand edit may not break; the hours are flagged (an edit moves a shift in two
# steps, and the first step leaves the hours short until the second).
FLAGGED_ONLY = {"minutes"}


def rule_text(rule: str) -> str:
    return str(RULE_TEXTS.get(rule, rule))
