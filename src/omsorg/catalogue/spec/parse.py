"""Parsing and validating a catalogue from YAML or JSON; errors name the field at fault."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from omsorg.catalogue.criteria import KINDS, LANGS, ParamError
from omsorg.catalogue.spec.legal import LAWS, AppealRules, LegalReference
from omsorg.catalogue.spec.model import (
    DECIDING_OFFICES,
    MAX_REVIEW_MONTHS,
    PARTIES,
    SCOPE_PERIODS,
    SCOPE_UNITS,
    WRITTEN_LANGUAGES,
    CatalogueError,
    CatalogueNotFound,
    CatalogueSpec,
    ConditionSpec,
    CriterionSpec,
    FormSpec,
    ServiceTypeSpec,
)

# <repo>/catalogues, four levels up from src/omsorg/catalogue/spec/parse.py.
CATALOGUE_DIR = Path(__file__).parents[4] / "catalogues"
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_SECTION = re.compile(r"^\d+[A-Z]?(-\d+)?( ?[a-z])?$")  # "3-2", "2-1 d", "4A-1", "29"


def _mapping(data: Any, path: str, required: set[str], optional: set[str]) -> Mapping:
    if not isinstance(data, Mapping):
        raise CatalogueError(path, "must be a mapping")
    missing = sorted(required - set(data))
    if missing:
        raise CatalogueError(_join(path, missing[0]), "is required")
    unknown = sorted(set(data) - required - optional, key=str)
    if unknown:
        raise CatalogueError(_join(path, str(unknown[0])), "unknown field")
    return data


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _text(data: Mapping, key: str, path: str, pattern: re.Pattern | None = None) -> str:
    value = data[key]
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(_join(path, key), "must be a non-empty string")
    if pattern and not pattern.match(value):
        raise CatalogueError(_join(path, key), f"must match {pattern.pattern}")
    return value


def _int(data: Mapping, key: str, path: str, low: int, high: int | None = None) -> int:
    value = data[key]
    bad = isinstance(value, bool) or not isinstance(value, int)
    if bad or value < low or (high is not None and value > high):
        span = f"{low}–{high}" if high is not None else f"{low} or more"
        raise CatalogueError(_join(path, key), f"must be a whole number, {span}")
    return value


def _bool(data: Mapping, key: str, path: str) -> bool:
    if not isinstance(data[key], bool):
        raise CatalogueError(_join(path, key), "must be true or false")
    return data[key]


def _date(value: Any, path: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise CatalogueError(path, "must be a date YYYY-MM-DD") from None


def _choice(data: Mapping, key: str, path: str, choices: tuple) -> Any:
    if data.get(key) not in choices:
        raise CatalogueError(_join(path, key), f"must be one of {', '.join(map(str, choices))}")
    return data.get(key)


def _langs(data: Any, path: str) -> dict[str, str]:
    texts = _mapping(data, path, set(LANGS), set())
    return {lang: _text(texts, lang, path) for lang in LANGS}


def _part(data: Mapping, key: str, path: str) -> str | None:
    """A paragraph / item / letter: written as 1 or "1" in YAML, kept as a string."""
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip():
        raise CatalogueError(_join(path, key), "must be a number or a short text")
    return str(value)


_REF_OPTIONAL = {"paragraph", "item", "letter", "valid_from", "valid_to", "note"}


def parse_reference(data: Any, path: str) -> LegalReference:
    ref = _mapping(data, path, {"law", "section"}, _REF_OPTIONAL)
    law = _choice(ref, "law", path, tuple(LAWS))
    paragraph = _part(ref, "paragraph", path)
    if paragraph is not None and not (paragraph.isdigit() and 1 <= int(paragraph) <= 8):
        raise CatalogueError(_join(path, "paragraph"), "must be 1–8")
    valid_from = _date(ref.get("valid_from"), _join(path, "valid_from"))
    valid_to = _date(ref.get("valid_to"), _join(path, "valid_to"))
    if valid_from and valid_to and valid_to < valid_from:
        raise CatalogueError(_join(path, "valid_to"), "is before valid_from")
    note = ref.get("note")
    if note is not None and not isinstance(note, str):
        raise CatalogueError(_join(path, "note"), "must be a string")
    return LegalReference(
        law=law,
        section=_text(ref, "section", path, _SECTION),
        paragraph=paragraph,
        item=_part(ref, "item", path),
        letter=_part(ref, "letter", path),
        valid_from=valid_from,
        valid_to=valid_to,
        note=note,
    )


def _references(data: Any, path: str, allow_empty: bool) -> tuple[LegalReference, ...]:
    if data is None and allow_empty:
        return ()
    if not isinstance(data, list) or (not data and not allow_empty):
        raise CatalogueError(path, "must be a non-empty list of legal references")
    return tuple(parse_reference(item, f"{path}[{i}]") for i, item in enumerate(data))


def parse_appeal(data: Any, path: str) -> AppealRules:
    appeal = _mapping(data, path, {"period_weeks", "legal_basis", "body"}, set())
    return AppealRules(
        period_weeks=_int(appeal, "period_weeks", path, 1, 52),
        legal_basis=parse_reference(appeal["legal_basis"], _join(path, "legal_basis")),
        body=_text(appeal, "body", path),
    )


# Parameters by which a kind says what "not fulfilled" gives; a duty must set them to discretion.
_OUTCOME_PARAMS = ("when_not_met", "outside", "below")


def _check_duty(kind: str, params: Mapping, path: str) -> None:
    """A duty of the applicant may not refuse the service (seed 004 §1.5, §1.7: duties are
    listed under "Tjenestemottakers ansvar", not under "Kriterier")."""
    settable = [name for name in _OUTCOME_PARAMS if name in KINDS[kind].params]
    if not settable or any(params[name] != "discretion" for name in settable):
        raise CatalogueError(
            _join(path, "duty"),
            "a duty of the applicant cannot refuse the service: use a kind with "
            "when_not_met and set it to discretion",
        )


def parse_criterion(data: Any, path: str) -> CriterionSpec:
    crit = _mapping(
        data, path, {"code", "kind", "text"}, {"params", "legal_basis", "source", "duty"}
    )
    kind = _choice(crit, "kind", path, tuple(KINDS))
    try:
        params = KINDS[kind].validate(crit.get("params") or {})
    except ParamError as error:
        raise CatalogueError(_join(path, f"params.{error.param}"), error.message) from None
    duty = _bool(crit, "duty", path) if "duty" in crit else False
    if duty:
        _check_duty(kind, params, path)
    return CriterionSpec(
        code=_text(crit, "code", path, _CODE),
        kind=kind,
        params=params,
        legal_basis=_references(crit.get("legal_basis"), _join(path, "legal_basis"), True),
        text=_langs(crit["text"], _join(path, "text")),
        source=_text(crit, "source", path) if crit.get("source") is not None else None,
        duty=duty,
    )


def parse_condition(data: Any, path: str) -> ConditionSpec:
    cond = _mapping(data, path, {"code", "text"}, {"source"})
    return ConditionSpec(
        code=_text(cond, "code", path, _CODE),
        text=_langs(cond["text"], _join(path, "text")),
        source=_text(cond, "source", path) if cond.get("source") is not None else None,
    )


def _forms(data: Any, path: str) -> tuple[FormSpec, ...]:
    if data is None:
        return ()
    if not isinstance(data, list):
        raise CatalogueError(path, "must be a list")
    forms = []
    for i, item in enumerate(data):
        where = f"{path}[{i}]"
        form = _mapping(item, where, {"code", "names"}, set())
        forms.append(
            FormSpec(
                code=_text(form, "code", where, _CODE),
                names=_langs(form["names"], _join(where, "names")),
            )
        )
    _unique([f.code for f in forms], path, "code")
    return tuple(forms)


def _conditions(data: Any, path: str) -> tuple[ConditionSpec, ...]:
    if data is None:
        return ()
    if not isinstance(data, list):
        raise CatalogueError(path, "must be a list")
    conditions = tuple(parse_condition(item, f"{path}[{i}]") for i, item in enumerate(data))
    _unique([c.code for c in conditions], path, "code")
    return conditions


def _criteria(data: Any, path: str) -> tuple[CriterionSpec, ...]:
    if not isinstance(data, list):
        raise CatalogueError(path, "must be a list")
    criteria = tuple(parse_criterion(item, f"{path}[{i}]") for i, item in enumerate(data))
    _unique([c.code for c in criteria], path, "code")
    return criteria


def _unique(codes: list[str], path: str, name: str) -> None:
    for i, code in enumerate(codes):
        if code in codes[:i]:
            raise CatalogueError(f"{path}[{i}].{name}", f"duplicate {name} {code!r}")


_SERVICE_REQUIRED = {
    "code",
    "names",
    "description",
    "staircase_level",
    "scope_unit",
    "legal_basis",
    "appeal",
    "criteria",
    "user_payment",
    "health_care",
    "review_months",
}


_SERVICE_OPTIONAL = {
    "scope_period",
    "max_quantity",
    "deciding_office",
    "monthly_meeting",
    "party",
    "conditions",
    "forms",
    "other_scope_units",
}


def _organisation(data: Mapping, path: str, defaults: Mapping) -> dict:
    """Who decides, whether the monthly meeting does, who the party is: the service's own
    value, else the catalogue's default."""
    own = {key: data[key] for key in _CATALOGUE_DEFAULTS if key in data}
    merged = {**defaults, **own}
    result = {"party": _choice(data, "party", path, PARTIES) if "party" in data else "person"}
    if merged.get("deciding_office") is not None:
        result["deciding_office"] = _choice(merged, "deciding_office", path, DECIDING_OFFICES)
    result["monthly_meeting"] = (
        _bool(merged, "monthly_meeting", path) if "monthly_meeting" in merged else False
    )
    return result


def parse_service(data: Any, path: str, defaults: Mapping | None = None) -> ServiceTypeSpec:
    svc = _mapping(data, path, _SERVICE_REQUIRED, _SERVICE_OPTIONAL)
    max_quantity = svc.get("max_quantity")
    if max_quantity is not None:
        max_quantity = _int(svc, "max_quantity", path, 1)
    service = ServiceTypeSpec(
        code=_text(svc, "code", path, _CODE),
        names=_langs(svc["names"], _join(path, "names")),
        description=_langs(svc["description"], _join(path, "description")),
        staircase_level=_int(svc, "staircase_level", path, 1, 7),
        scope_unit=_choice(svc, "scope_unit", path, SCOPE_UNITS),
        scope_period=_choice(svc, "scope_period", path, (*SCOPE_PERIODS, None)),
        max_quantity=max_quantity,
        legal_basis=_references(svc["legal_basis"], _join(path, "legal_basis"), False),
        appeal=parse_appeal(svc["appeal"], _join(path, "appeal")),
        criteria=_criteria(svc["criteria"], _join(path, "criteria")),
        user_payment=_bool(svc, "user_payment", path),
        health_care=_bool(svc, "health_care", path),
        review_months=_int(svc, "review_months", path, 1, MAX_REVIEW_MONTHS),
        **_organisation(svc, path, defaults or {}),
        conditions=_conditions(svc.get("conditions"), _join(path, "conditions")),
        forms=_forms(svc.get("forms"), _join(path, "forms")),
        other_scope_units=_other_units(svc, path),
    )
    _check_limits(service, path)
    return service


def _other_units(svc: Mapping, path: str) -> tuple[str, ...]:
    """Other units a decision may use: countable units, not the service's own, each once."""
    data = svc.get("other_scope_units", [])
    where = _join(path, "other_scope_units")
    if not isinstance(data, list):
        raise CatalogueError(where, "must be a list")
    units = []
    for i, unit in enumerate(data):
        if unit not in SCOPE_UNITS or unit in ("none", svc.get("scope_unit"), *units):
            raise CatalogueError(f"{where}[{i}]", f"not another countable unit: {unit!r}")
        units.append(unit)
    return tuple(units)


def _check_limits(service: ServiceTypeSpec, path: str) -> None:
    """A quantity limit in the criteria must agree with the service's scope and maximum."""
    if service.scope_unit == "none" and (service.scope_period or service.max_quantity):
        raise CatalogueError(_join(path, "scope_period"), "a service without scope has none")
    for i, crit in enumerate(service.criteria):
        if crit.kind != "quantity_limit":
            continue
        where = f"{path}.criteria[{i}].params"
        if crit.params["max"] != service.max_quantity:
            raise CatalogueError(f"{where}.max", "differs from the service's max_quantity")
        if (crit.params["unit"], crit.params["period"]) != (
            service.scope_unit,
            service.scope_period,
        ):
            raise CatalogueError(f"{where}.unit", "differs from the service's scope unit/period")


_CATALOGUE_FIELDS = {
    "code",
    "municipality_name",
    "municipality_number",
    "written_language",
    "coordinating_unit",
    "version_label",
    "valid_from",
    "services",
}


# Catalogue-wide defaults a service may override (seed 004 is all children's services, decided
# in the coordinating unit's monthly meeting).
_CATALOGUE_DEFAULTS = ("deciding_office", "monthly_meeting")


def parse_catalogue(data: Mapping) -> CatalogueSpec:
    """Validate a catalogue read from YAML or JSON; the error names the field at fault.

    A top-level `anchors` key is allowed and ignored: it holds YAML anchors for reuse.
    """
    cat = _mapping(data, "", _CATALOGUE_FIELDS, {"anchors", *_CATALOGUE_DEFAULTS})
    if not isinstance(cat["services"], list) or not cat["services"]:
        raise CatalogueError("services", "must be a non-empty list")
    defaults = {key: cat[key] for key in _CATALOGUE_DEFAULTS if key in cat}
    services = tuple(
        parse_service(item, f"services[{i}]", defaults) for i, item in enumerate(cat["services"])
    )
    _unique([s.code for s in services], "services", "code")
    valid_from = _date(cat["valid_from"], "valid_from")
    if valid_from is None:
        raise CatalogueError("valid_from", "is required")
    return CatalogueSpec(
        code=_text(cat, "code", "", _CODE),
        municipality_name=_text(cat, "municipality_name", ""),
        municipality_number=_text(cat, "municipality_number", "", re.compile(r"^\d{4}$")),
        written_language=_choice(cat, "written_language", "", WRITTEN_LANGUAGES),
        coordinating_unit=_text(cat, "coordinating_unit", ""),
        version_label=_text(cat, "version_label", ""),
        valid_from=valid_from,
        services=services,
    )


def load_catalogue(name_or_path: str | Path, catalogue_dir: Path | None = None) -> CatalogueSpec:
    """Load "holtalen" from <catalogue_dir>/holtalen.yaml, or a YAML file by its path."""
    text = str(name_or_path)
    by_name = _CODE.match(text) is not None
    path = (catalogue_dir or CATALOGUE_DIR) / f"{text}.yaml" if by_name else Path(text)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError:
        raise CatalogueNotFound("", f"catalogue not found: {path}") from None
    except yaml.YAMLError as error:
        raise CatalogueError("", f"{path} is not valid YAML: {error}") from None
    spec = parse_catalogue(data)
    if by_name and spec.code != text:
        raise CatalogueError("code", f"is {spec.code!r} but the file is named {text!r}")
    return spec
