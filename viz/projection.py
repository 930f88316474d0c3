"""Web Mercator, the projection of every map in the atlas (deck.gl, MapLibre and the offline SVG map alike)."""

from __future__ import annotations

import math

MAX_LATITUDE = 85.0  # Web Mercator's edge, rounded: beyond it the northing grows without bound


def mercator_y(latitude: float) -> float:
    """The northing of `latitude` on the unit sphere (radians-like units; 0 at the equator)."""
    latitude = max(min(latitude, MAX_LATITUDE), -MAX_LATITUDE)
    return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))


def latitude_of(y: float) -> float:
    """The inverse of `mercator_y`."""
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def mercator_degrees(latitude: float) -> float:
    """The northing in degree-like units, so that outlines drawn on plain axes look as on any web map."""
    return math.degrees(mercator_y(latitude))
