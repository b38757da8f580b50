"""The map of places on the places index: the markers, as data the page's script draws.

The page lists every place in Markdown first; the map is drawn over that by Leaflet
(shipped with the site under assets/vendor/) only when the browser runs scripts, so a
reader without JavaScript, or whose map tiles cannot load, still has the list. The
markers travel as JSON in an attribute of the map's container, escaped for HTML.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from markupsafe import Markup, escape

from generator import paths, wording
from generator.escaping import json_attribute
from generator.grouping import Chronicle


def markers(
    chronicle: Chronicle, here: PurePosixPath, only: str | None = None
) -> list[dict[str, object]]:
    """Return the places with coordinates (or just `only`), by id, with link and entry count.

    The map names the places with the most entries first where names would collide.
    """
    found: list[dict[str, object]] = []
    for place_id in sorted(chronicle.places) if only is None else [only]:
        place = chronicle.places[place_id]
        if place.latitude is None or place.longitude is None:
            continue
        count = len(chronicle.by_place.get(place_id, ()))
        found.append({
            "id": place_id, "name": place.name, "lat": place.latitude, "lng": place.longitude,
            "href": paths.href(here, paths.place_path(place_id)),
            "label": wording.entry_count(count), "entries": count,
        })  # fmt: skip
    return found


def places_map(chronicle: Chronicle, here: PurePosixPath, only: str | None = None) -> Markup:
    """Return the map's container, hidden until a script draws it, holding its markers.

    The places index maps every place; a place's page maps just that place (`only`).
    """
    data = markers(chronicle, here, only)
    if not data:
        return Markup("")
    label = "Map of places" if only is None else f"Map: {data[0]['name']}"
    size = "" if only is None else " cc-map--place"
    return Markup(
        f'<div id="cc-map" class="cc-map{size}" role="region" aria-label="{escape(label)}" hidden '
        f'data-places="{json_attribute(data)}"></div>'
    )
