"""Alver (seed 003): the demo's nynorsk municipality. Its letters, unit names and case texts are
nynorsk throughout; its texts cite the law as in force on the decision date; its criteria met by
judgement carry real statements of facts (issue 7 points 1.11 and 1.12).

Alver is built here on its own (the catalogues, then omsorg.demo.alver), which takes seconds;
the full demo builds it too (tests/demo/test_demo.py).
"""

import datetime
import re

import pytest

from omsorg.cases.letters.appeals import appeal_letter_html
from omsorg.cases.letters.render import decision_letter_html, preliminary_reply_html
from omsorg.cases.letters.wording import foreign_words
from omsorg.cases.models import Appeal, Decision, Document, PreliminaryReply
from omsorg.catalogue.selectors import service_type_spec
from omsorg.core.models import Unit
from omsorg.demo.alver import NUMBER, ORGANISATION, alver_build
from omsorg.demo.catalogues import catalogue_versions, catalogues_load

pytestmark = pytest.mark.django_db

SEED = 7


@pytest.fixture
def alver():
    catalogues_load()
    today = datetime.date.today()
    return alver_build(versions=catalogue_versions(), today=today, seed=SEED)


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _letters(municipality):
    decisions = Decision.objects.filter(person__municipality=municipality)
    for decision in decisions:
        yield f"decision {decision.pk}", decision_letter_html(decision)
    for reply in PreliminaryReply.objects.filter(application__municipality=municipality):
        yield f"reply {reply.pk}", preliminary_reply_html(reply)
    for appeal in Appeal.objects.filter(decision__in=decisions).exclude(forwarded_on=None):
        for kind in ("forwarding", "notice"):
            yield f"appeal {appeal.pk} {kind}", appeal_letter_html(appeal, kind)


def test_alver_writes_nynorsk_and_names_its_units_in_nynorsk(alver):
    municipality = alver.municipality
    assert (municipality.number, municipality.written_language) == (NUMBER, "nn")
    names = set(Unit.objects.filter(municipality=municipality).values_list("name", flat=True))
    assert names == {spec.name for spec in ORGANISATION}
    assert "Forvaltningskontoret" in names and "Heimetenestene" in names
    assert not foreign_words(" ".join(names), "nn")


def test_every_letter_of_alver_is_nynorsk_throughout(alver):
    letters = list(_letters(alver.municipality))
    kinds = {name.split()[0] for name, _html in letters}
    assert kinds == {"decision", "reply", "appeal"}
    for name, html in letters:
        text = _text(html)
        assert not foreign_words(text, "nn"), (name, foreign_words(text, "nn"))
        assert "Alver kommune" in text and "forvaltningslova" in text, name


def test_alver_letters_use_its_offices_and_statsforvaltaren_i_vestland(alver):
    municipality = alver.municipality
    decision = Decision.objects.filter(
        person__municipality=municipality, service_type__code="respite_home"
    ).first()
    text = _text(decision_letter_html(decision))
    assert "Koordinerande eining for barn og unge" in text
    assert "Statsforvaltaren i Vestland" in text
    assert "«Retningslinjer for avlastingstenester til barn og unge»" in text


def test_demo_reasons_cite_only_provisions_in_force_on_the_decision_date(alver):
    # Issue 7 point 1.12: the care allowance's pbrl § 2-1 a and hol § 3-6 (old) are out of
    # force in these years; the reasons cite what the dated legal data says was in force.
    decisions = Decision.objects.filter(person__municipality=alver.municipality)
    assert decisions.exists()
    for decision in decisions:
        spec = service_type_spec(decision.service_type)
        for ref in spec.legal_basis:
            if not ref.in_force(decision.decided_on):
                assert ref.cite("nn") not in decision.reasons


def test_criteria_met_by_judgement_carry_a_statement_of_facts_in_nynorsk(alver):
    respite = Decision.objects.filter(
        person__municipality=alver.municipality, service_type__code="respite_home"
    )
    assert respite.count() >= 2
    for decision in respite:
        statement = decision.fact_statements["particularly_heavy_care"]
        assert decision.person.given_name in statement
        assert not foreign_words(statement, "nn")


def test_alver_has_a_forwarded_and_a_reversed_appeal_with_their_letters(alver):
    appeals = Appeal.objects.filter(decision__person__municipality=alver.municipality)
    assert {appeal.status for appeal in appeals} == {"forwarded", "reversed"}
    kinds = set(Document.objects.filter(appeal__in=appeals).values_list("kind", flat=True))
    assert kinds == {Document.Kind.APPEAL_FORWARDING, Document.Kind.APPEAL_NOTICE}
    reversed_ = appeals.get(status="reversed")
    text = _text(decision_letter_html(reversed_.new_decision))
    assert "Vi viser til klagen motteken" in text and "tek klagen til følgje" in text
