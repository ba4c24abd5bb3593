"""Bar charts of the steering reports (issue 9 §6): readable without colour (a pattern per
series, every value written beside its bar) and by a screen reader (the same figures in a
table; the drawing is hidden from assistive technology)."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from omsorg.steering.charts import PATTERNS, ChartError, Series, bar_chart


def _chart(**kwargs):
    values = {
        "key": "c",
        "title": "Budsjett og regnskap",
        "category_name": "Måned",
        "categories": ["januar", "februar"],
        "series": [
            Series("Budsjett", (Decimal(100), Decimal(200))),
            Series("Regnskap", (Decimal(-50), None)),
        ],
    }
    values.update(kwargs)
    return bar_chart(**values)


def test_each_series_has_its_own_pattern_and_every_bar_its_value():
    chart = _chart()
    first, second = chart.groups
    assert [bar.pattern for bar in first.bars] == list(PATTERNS[:2])
    assert [bar.text for bar in first.bars] == ["100", "-50"]
    assert second.bars[1].text == "–" and second.bars[1].width == 0  # no figure: no bar


def test_bars_are_proportional_and_negative_ones_grow_left_of_zero():
    chart = _chart()
    hundred, minus_fifty = chart.groups[0].bars
    two_hundred = chart.groups[1].bars[0]
    assert two_hundred.width == pytest.approx(2 * hundred.width)
    assert minus_fifty.width == pytest.approx(hundred.width / 2)
    assert minus_fifty.x + minus_fifty.width == pytest.approx(chart.zero_x)
    assert minus_fifty.text_anchor == "end" and hundred.x == pytest.approx(chart.zero_x)


def test_the_table_holds_every_figure_of_the_chart():
    chart = _chart()
    assert [(row.label, row.cells) for row in chart.rows] == [
        ("januar", ("100", "-50")),
        ("februar", ("200", "–")),
    ]


def test_a_series_without_a_value_per_category_is_refused():
    with pytest.raises(ChartError):
        _chart(series=[Series("Budsjett", (Decimal(1),))])


def test_the_svg_is_hidden_from_screen_readers_and_the_table_follows_it():
    html = render_to_string("steering/_chart.html", {"chart": _chart()})
    assert 'aria-hidden="true"' in html and "<script" not in html and "style=" not in html
    assert html.index("<svg") < html.index('<table class="ds-table" data-border id="c-table">')
    assert '<caption>Budsjett og regnskap</caption>' in html
    assert 'fill="url(#c-hatch)"' in html  # the second series is hatched, not another colour
    assert '<th scope="row">februar</th><td class="app-num">200</td>' in html
