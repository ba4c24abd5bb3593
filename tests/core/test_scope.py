"""The Scope value type (DESIGN "Data that everything hangs on"): one vocabulary, one wording."""

import pytest
from django.utils import translation

from omsorg.cases.models import Decision
from omsorg.catalogue.spec import SCOPE_PERIODS, SCOPE_UNITS
from omsorg.core.scope import NO_SCOPE, Scope, ScopeError, ScopePeriod, ScopeUnit
from omsorg.core.scope_text import scope_text, unit_and_period_label


def test_scope_of_three_columns_reads_back_the_values():
    assert Scope.of(8, "nights", "month") == Scope(8, ScopeUnit.NIGHTS, ScopePeriod.MONTH)
    assert Scope.of(2, "weekends", None).period is None


@pytest.mark.parametrize(
    ("quantity", "unit", "period"),
    [(None, "hours", "week"), (0, "hours", "week"), (5, "", ""), (5, NO_SCOPE, None)],
)
def test_no_countable_amount_is_no_scope(quantity, unit, period):
    assert Scope.of(quantity, unit, period) is None


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ((-1, "hours", "week"), "quantity"),
        ((1.5, "hours", None), "quantity"),
        ((True, "hours", None), "quantity"),
        ((3, "litres", None), "unit"),
        ((3, "hours", "fortnight"), "period"),
    ],
)
def test_a_wrong_scope_names_the_part_at_fault(args, field):
    with pytest.raises(ScopeError) as error:
        Scope(*args)
    assert error.value.field == field


def test_every_vocabulary_is_the_same_one():
    """Decisions, the catalogue's YAML and the engine's entitlement share the scope's words."""
    assert set(Decision.ScopeUnit.values) == {unit.value for unit in ScopeUnit}
    assert set(Decision.ScopePeriod.values) == {period.value for period in ScopePeriod}
    assert set(SCOPE_UNITS) == {unit.value for unit in ScopeUnit} | {NO_SCOPE}
    assert set(SCOPE_PERIODS) == {period.value for period in ScopePeriod}


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("nb", "1 natt per uke", "2 netter per uke"),
        ("nn", "1 natt per veke", "2 netter per veke"),
        ("en", "1 night per week", "2 nights per week"),
    ],
)
def test_scope_reads_with_the_right_plural_in_each_language(language, one, two):
    """Issue 7 §3 "Norwegian formats": "1 natt", never "1 netter"."""
    with translation.override(language):
        assert scope_text(Scope(1, ScopeUnit.NIGHTS, ScopePeriod.WEEK)) == one
        assert scope_text(Scope(2, ScopeUnit.NIGHTS, ScopePeriod.WEEK)) == two


def test_scope_without_period_and_no_scope():
    with translation.override("nb"):
        assert scope_text(Scope(2, ScopeUnit.WEEKENDS)) == "2 helger"
        assert scope_text(None) == ""
        assert unit_and_period_label("hours", "month") == "timer per måned"
        assert unit_and_period_label(NO_SCOPE, None) == "uten tellbart omfang"
