"""Does a service's HSDS ``service_area`` cover a postcode?

HSDS 3.1 gives an area as ``extent`` in the format ``extent_type`` names: ``geojson``,
``topojson``, ``kml`` or ``text``. We read two of them:
- ``text``: postal codes separated by commas, semicolons or new lines; one ending in ``*``
  is a prefix (``M5V*`` covers every code starting M5V). Spaces and case do not matter.
- ``geojson``: a Polygon or MultiPolygon (bare, or as a Feature / FeatureCollection); a
  postcode is inside when the point it stands for (the centre of the directory's places
  with that code) is inside.
Areas in other formats, or with no extent, cannot be checked and decide nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from unidecode import unidecode

SEPARATORS = re.compile(r"[,;\n]+")
Ring = list[tuple[float, float]]  # (longitude, latitude), as GeoJSON orders them


def normalise_postcode(text: str) -> str:
    """As the search index keeps postal codes: lower-case ASCII without spaces."""
    return "".join(unidecode(text).lower().split())


def parse(area: dict[str, Any]) -> dict[str, Any] | None:
    """The checkable form of one service_area row, or None when it cannot be checked."""
    kind = str(area.get("extent_type") or "").strip().lower()
    extent = area.get("extent")
    if not isinstance(extent, str) or not extent.strip():
        return None
    if kind == "text":
        codes: list[str] = []
        prefixes: list[str] = []
        for token in SEPARATORS.split(extent):
            code = normalise_postcode(token.rstrip().removesuffix("*"))
            if not code:
                continue
            (prefixes if token.strip().endswith("*") else codes).append(code)
        return (
            {"codes": sorted(set(codes)), "prefixes": sorted(set(prefixes))}
            if (codes or prefixes)
            else None
        )
    if kind == "geojson":
        polygons = _polygons(extent)
        return {"polygons": polygons} if polygons else None
    return None


def _polygons(extent: str) -> list[list[Ring]]:
    try:
        document = json.loads(extent)
    except ValueError:
        return []
    geometries: list[Any] = []
    if isinstance(document, dict) and document.get("type") == "FeatureCollection":
        geometries = [f.get("geometry") for f in document.get("features") or []]
    elif isinstance(document, dict) and document.get("type") == "Feature":
        geometries = [document.get("geometry")]
    else:
        geometries = [document]
    polygons: list[list[Ring]] = []
    for geometry in geometries:
        if not isinstance(geometry, dict):
            continue
        try:
            if geometry.get("type") == "Polygon":
                polygons.append(_rings(geometry["coordinates"]))
            elif geometry.get("type") == "MultiPolygon":
                polygons.extend(_rings(p) for p in geometry["coordinates"])
        except (KeyError, TypeError, ValueError, IndexError):
            continue
    return [p for p in polygons if p and len(p[0]) >= 3]


def _rings(coordinates: Iterable[Iterable[Sequence[float]]]) -> list[Ring]:
    return [[(float(p[0]), float(p[1])) for p in ring] for ring in coordinates]


def _inside_ring(lon: float, lat: float, ring: Ring) -> bool:
    """Ray casting: whether the point is inside the ring (even-odd rule)."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _inside_polygon(lon: float, lat: float, polygon: list[Ring]) -> bool:
    outer, holes = polygon[0], polygon[1:]
    return _inside_ring(lon, lat, outer) and not any(_inside_ring(lon, lat, h) for h in holes)


def covers(
    areas: list[dict[str, Any]], postcode: str, point: tuple[float, float] | None
) -> bool | None:
    """True when an area covers the postcode, False when the areas rule it out, None when
    no area can be checked (no areas, formats we cannot read, or a polygon with no point)."""
    code = normalise_postcode(postcode)
    decided = False
    for area in areas:
        if "codes" in area:
            decided = True
            if code in area["codes"] or any(code.startswith(p) for p in area["prefixes"]):
                return True
        elif "polygons" in area and point is not None:
            decided = True
            lat, lon = point
            if any(_inside_polygon(lon, lat, polygon) for polygon in area["polygons"]):
                return True
    return False if decided else None


__all__ = ["covers", "normalise_postcode", "parse"]
