"""The bokmål and nynorsk catalogues of the user interface (src/omsorg/locale).

The code's msgids are English; bokmål is the default language and nynorsk a full alternative.
These tests catch: an msgid left untranslated or fuzzy, a placeholder lost in translation, a
.mo not recompiled after the .po changed, English left on a page, and nynorsk that is really
bokmål (or the other way round).
"""

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import polib
import pytest
from django.urls import reverse
from django.utils import translation

from omsorg.cases.deadlines import add_months
from omsorg.cases.services.applications import application_register

LOCALE = Path(__file__).resolve().parent.parent / "src" / "omsorg" / "locale"
LANGUAGES = ("nb", "nn")


def _require_msgfmt() -> None:
    # Fail, never skip: CI must check the compiled catalogues (scripts/system-packages.sh).
    if shutil.which("msgfmt") is None:
        pytest.fail("GNU gettext (msgfmt) is not installed: apt-get install gettext")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0


def parse_po(path: Path) -> list[Entry]:
    """The header (msgid "") first, then the live entries (obsolete #~ ones left out)."""
    po = polib.pofile(str(path), wrapwidth=0)
    metadata = "".join(f"{key}: {value}\n" for key, value in po.metadata.items())
    header_flags = {"fuzzy"} if po.metadata_is_fuzzy else set()
    entries = [Entry(msgstr={0: metadata}, flags=header_flags)]
    for item in po:
        if item.obsolete:
            continue
        plural = item.msgid_plural or None
        forms = item.msgstr_plural if plural is not None else {0: item.msgstr}
        entries.append(
            Entry(
                msgid=item.msgid,
                msgid_plural=plural,
                msgctxt=item.msgctxt,
                msgstr={int(k): v for k, v in forms.items()},
                flags=set(item.flags),
                line=item.linenum,
            )
        )
    return entries


def catalogue(language: str) -> list[Entry]:
    entries = parse_po(LOCALE / language / "LC_MESSAGES" / "django.po")
    return [e for e in entries if e.msgid]  # without the header


def label(entry: Entry) -> str:
    context = f"[{entry.msgctxt}] " if entry.msgctxt else ""
    return f"line {entry.line}: {context}{entry.msgid!r}"


# --- the catalogues ---------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_exists_and_is_not_trivially_small(language):
    assert len(catalogue(language)) > 300


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_msgid_has_a_translation_and_none_is_fuzzy(language):
    problems = []
    for entry in catalogue(language):
        expected_forms = 2 if entry.msgid_plural is not None else 1
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {label(entry)}")
        if len(entry.msgstr) != expected_forms or not all(s.strip() for s in entry.msgstr.values()):
            problems.append(f"untranslated: {label(entry)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_header_is_final_and_has_norwegian_plural_forms(language):
    header = next(
        e for e in parse_po(LOCALE / language / "LC_MESSAGES" / "django.po") if not e.msgid
    )
    assert "fuzzy" not in header.flags
    assert f"Language: {language}\n" in header.msgstr[0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header.msgstr[0]
    assert "charset=UTF-8" in header.msgstr[0]


PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{\{ ?\w+ ?\}\}|§")


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_and_section_signs_are_kept(language):
    problems = []
    for entry in catalogue(language):
        wanted = sorted(set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or ""))))
        for form, text in entry.msgstr.items():
            found = sorted(set(PLACEHOLDER.findall(text)))
            if found != wanted:
                problems.append(f"{label(entry)} form {form}: {found} != {wanted}")
    assert not problems, "\n".join(problems)


# Words that only one of the two written standards uses. A nynorsk string with "ikke" or
# "hvordan" is bokmål with a few words swapped; a bokmål string with "ikkje" came from nynorsk.
BOKMAL_ONLY = re.compile(
    r"\b(ikke|hva|hvem|hvordan|hvorfor|hvis|noe|noen|fra|bare|allerede|ennå|navn|enhet|"
    r"tjenesten?|tjenester|behandling|saksbehandler|søker|søkeren|pårørende|foresatt|verge|"
    r"hjemmel|mestringstrappen|avlastning|foreløpig|ble|mottatt|begrunnelse|uke|uker|"
    r"måned|opphold|skole|sykehus|selv|siden|forsiden)\b",
    re.IGNORECASE,
)
NYNORSK_ONLY = re.compile(
    r"\b(ikkje|kva|kven|korleis|kvifor|noko|nokon|frå|berre|allereie|enno|namn|eining|"
    r"teneste|tenesta|tenester|handsaming|sakshandsamar|søkjar|søkjaren|pårørande|føresett|"
    r"verje|heimel|meistringstrappa|avlasting|førebels|vart|motteke|motteken|grunngjeving|"
    r"veke|veker|månad|opphald|skule|sjukehus|sjølv|sida|framsida)\b",
    re.IGNORECASE,
)


def test_nynorsk_is_nynorsk_and_bokmal_is_bokmal():
    problems = []
    for entry in catalogue("nn"):
        for text in entry.msgstr.values():
            if match := BOKMAL_ONLY.search(text):
                problems.append(f"nn has bokmål {match.group(0)!r}: {label(entry)} -> {text!r}")
    for entry in catalogue("nb"):
        for text in entry.msgstr.values():
            if match := NYNORSK_ONLY.search(text):
                problems.append(f"nb has nynorsk {match.group(0)!r}: {label(entry)} -> {text!r}")
    assert not problems, "\n".join(problems)


def test_nynorsk_is_not_a_copy_of_bokmal():
    nb = {(e.msgctxt, e.msgid): e.msgstr for e in catalogue("nb")}
    nn = {(e.msgctxt, e.msgid): e.msgstr for e in catalogue("nn")}
    assert nb.keys() == nn.keys()
    sentences = [key for key in nb if len(key[1].split()) >= 5]
    same = [key[1] for key in sentences if nb[key] == nn[key]]
    # Longer sentences almost always differ between the two standards.
    assert len(same) <= len(sentences) // 10, same


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_is_up_to_date(language):
    _require_msgfmt()
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run compilemessages"
    check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True)
    assert check.returncode == 0, check.stderr.decode()
    fresh = subprocess.run(["msgfmt", "-o", "-", str(po)], capture_output=True, check=True).stdout
    assert fresh == mo.read_bytes(), f"{mo} is out of date: run compilemessages"


@pytest.mark.parametrize(
    ("language", "msgid", "expected"),
    [
        ("nb", "Worklist", "Arbeidsliste"),
        ("nn", "Worklist", "Arbeidsliste"),
        ("nb", "Meeting agenda", "Møteagenda"),
        ("nb", "Send preliminary reply", "Send foreløpig svar"),
        ("nn", "Send preliminary reply", "Send førebels svar"),
        ("nb", "Legal basis", "Hjemmel"),
        ("nn", "Legal basis", "Heimel"),
        ("nb", "service leader", "tjenesteleder"),
        ("nn", "service leader", "tenesteleiar"),
        ("nb", "care worker", "tjenesteyter"),
        ("nn", "care worker", "tenesteytar"),
        ("nn", "management", "leiing"),
        ("nb", "caseworker", "saksbehandler"),
        ("nn", "caseworker", "sakshandsamar"),
        ("nn", "Valid from", "Gyldig frå"),
        ("nn", "partly granted", "delvis innvilga"),
    ],
)
def test_glossary_terms_reach_the_running_translation(language, msgid, expected):
    with translation.override(language):
        assert translation.gettext(msgid) == expected


def test_plural_forms_work_in_both_languages():
    with translation.override("nb"):
        assert (
            translation.ngettext("%(counter)s task", "%(counter)s tasks", 1)
            == "%(counter)s oppgave"
        )
        assert (
            translation.ngettext("%(counter)s task", "%(counter)s tasks", 0)
            == "%(counter)s oppgaver"
        )
    with translation.override("nn"):
        assert (
            translation.ngettext("%(counter)s task", "%(counter)s tasks", 1)
            == "%(counter)s oppgåve"
        )
        assert (
            translation.ngettext("%(counter)s task", "%(counter)s tasks", 3)
            == "%(counter)s oppgåver"
        )


# --- the pages ----------------------------------------------------------------------------


def html_lang(body: str) -> str:
    match = re.search(r"<html[^>]*\slang=\"([^\"]+)\"", body)
    assert match, "no <html lang>"
    return match.group(1)


@pytest.mark.django_db
def test_login_page_is_bokmal_by_default_and_nynorsk_when_chosen(client):
    body = client.get(reverse("login")).content.decode()
    assert html_lang(body) == "nb"
    assert 'lang="nb"' in body
    assert "Logg inn" in body
    assert "Logg inn med brukernavnet og passordet du har fått fra kommunen." in body

    response = client.post(reverse("set_language"), {"language": "nn", "next": reverse("login")})
    assert response.status_code == 302
    body = client.get(reverse("login")).content.decode()
    assert html_lang(body) == "nn"
    assert 'lang="nn"' in body
    with translation.override("nn"):
        log_in = translation.gettext("Log in")
    assert log_in == "Logg inn"
    assert f'<h1 class="ds-heading" data-size="lg">{log_in}</h1>' in body
    assert "Logg inn med brukarnamnet og passordet du har fått frå kommunen." in body
    assert "Helse- og omsorgstenester" in body
    assert "brukernavnet" not in body


# English that would show up if an msgid lost its translation (or was never extracted).
ENGLISH_ON_THE_WORKLIST = [
    "Worklist",
    "New applications",
    "Due and overdue",
    "Log out",
    "Logged in as",
    "Skip to main content",
    "Change language",
    "Main menu",
    "Persons",
    "Meeting agenda",
    "Service catalogue",
    "Health and care services",
    "Send preliminary reply",
    "new application",
    "Received",
    "Nothing due",
    "Overdue",
    "Accessibility statement",
]


@pytest.fixture
def worklist_with_work(caseworker, make_person, service_type, today):
    """One new application and one that is old enough to need a preliminary reply."""
    for received_on in (today, add_months(today, -2)):
        application_register(
            actor=caseworker,
            person=make_person(age_years=12),
            channel="portal",
            received_on=received_on,
            services=[(service_type("support_contact"), None)],
            consent_given=True,
            today=today,
        )


def visible_text(body: str) -> str:
    """The page without tags, scripts and attribute values (URLs and class names are English)."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", body)


@pytest.mark.django_db
def test_caseworker_worklist_is_in_bokmal(client, caseworker, worklist_with_work):
    client.force_login(caseworker)
    response = client.get(reverse("worklist"))
    assert response.status_code == 200
    body = response.content.decode()
    assert html_lang(body) == "nb"
    text = visible_text(body)
    assert "Arbeidsliste" in text
    assert "Nye søknader" in text
    assert "Logg ut" in text
    assert "Send foreløpig svar (fvl. § 11 a)" in text
    left = [word for word in ENGLISH_ON_THE_WORKLIST if re.search(rf"\b{re.escape(word)}\b", text)]
    assert not left, f"English on the bokmål worklist: {left}"


@pytest.mark.django_db
def test_caseworker_worklist_is_in_nynorsk_when_chosen(client, caseworker, worklist_with_work):
    client.force_login(caseworker)
    client.post(reverse("set_language"), {"language": "nn", "next": reverse("worklist")})
    body = client.get(reverse("worklist")).content.decode()
    assert html_lang(body) == "nn"
    text = visible_text(body)
    for nynorsk in ("Arbeidsliste", "Personar", "Tenestekatalog", "Send førebels svar", "Fristar"):
        assert nynorsk in text
    left = [word for word in ENGLISH_ON_THE_WORKLIST if re.search(rf"\b{re.escape(word)}\b", text)]
    assert not left, f"English on the nynorsk worklist: {left}"
