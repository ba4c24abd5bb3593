"""The seam to an address register (Kartverket's address API, or another): an address in,
coordinates out. Nothing here is called by the tests or the demo; a municipality configures
`OMSORG_GEOCODER` (a dotted path to a class with this interface) to use one.
"""

import json
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Coordinates:
    latitude: float
    longitude: float


class Geocoder(Protocol):
    def locate(self, *, street: str, postal_code: str, city: str) -> Coordinates | None:
        """The coordinates of the address, or None when the register does not know it."""


class NoGeocoder:
    """No address register configured: coordinates are entered or imported."""

    def locate(self, *, street: str, postal_code: str, city: str) -> Coordinates | None:
        return None


class KartverketGeocoder:
    """Kartverket's open address API (ws.geonorge.no/adresser/v1/sok), first hit."""

    URL = "https://ws.geonorge.no/adresser/v1/sok"
    TIMEOUT_SECONDS = 5

    def locate(self, *, street: str, postal_code: str, city: str) -> Coordinates | None:
        query = {"sok": street, "postnummer": postal_code, "treffPerSide": 1, "utkoordsys": 4258}
        url = f"{self.URL}?{urllib.parse.urlencode(query)}"
        with urllib.request.urlopen(url, timeout=self.TIMEOUT_SECONDS) as answer:  # noqa: S310
            hits = json.load(answer).get("adresser", [])
        if not hits:
            return None
        point = hits[0].get("representasjonspunkt") or {}
        if "lat" not in point or "lon" not in point:
            return None
        return Coordinates(float(point["lat"]), float(point["lon"]))


def configured_geocoder() -> Geocoder:
    path = getattr(settings, "OMSORG_GEOCODER", "")
    return import_string(path)() if path else NoGeocoder()
