"""The places map's data: places with coordinates, links to their pages, safe in HTML."""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

from generator import maps, paths
from generator.escaping import json_attribute
from generator.grouping import Chronicle
from generator.models import Place, PlaceKind

HOSTILE = '</script><script>alert("x")</script> & <!--'


def chronicle_of(*places: Place) -> Chronicle:
    return Chronicle((), (), {}, {p.id: p for p in places}, {}, {}, {}, {})


def test_markers_are_the_places_with_coordinates_linked_from_the_index() -> None:
    kyiv = Place("kyiv", "Kyiv", PlaceKind.CITY, Path("kyiv.md"), latitude=50.45, longitude=30.52)
    nowhere = Place("nowhere", "Nowhere", PlaceKind.SITE, Path("nowhere.md"))
    found = maps.markers(chronicle_of(nowhere, kyiv), paths.PLACES)
    assert found == [{"id": "kyiv", "name": "Kyiv", "lat": 50.45, "lng": 30.52,
                      "href": "kyiv/", "label": "no entries yet", "entries": 0}]  # fmt: skip
    assert maps.places_map(chronicle_of(nowhere), paths.PLACES) == ""


def test_marker_data_cannot_leave_its_attribute_and_reads_back_exactly() -> None:
    place = Place("x", HOSTILE, PlaceKind.SITE, Path("x.md"), latitude=1.0, longitude=-2.0)
    html = str(maps.places_map(chronicle_of(place), paths.PLACES))
    attribute = re.search(r'data-places="([^"]*)"', html)
    assert attribute is not None
    assert "<" not in attribute.group(1) and html.count("<") == 2
    assert json.loads(html_lib.unescape(attribute.group(1)))[0]["name"] == HOSTILE
    assert json.loads(html_lib.unescape(json_attribute({"a": "<&>\"'"}))) == {"a": "<&>\"'"}


def test_places_index_of_the_example_site_carries_every_marker(example_site: Path) -> None:
    html = (example_site / "places" / "index.html").read_text(encoding="utf-8")
    attribute = re.search(r'data-places="([^"]*)"', html)
    assert attribute is not None
    names = [m["name"] for m in json.loads(html_lib.unescape(attribute.group(1)))]
    assert names == ["Donbas", "Istanbul", "Kyiv", "Moscow", "Washington"]
    assert "assets/vendor/leaflet/leaflet.js" in html
    # Only the places index loads the map's scripts.
    assert "leaflet" not in (example_site / "index.html").read_text(encoding="utf-8")
    for asset in ("leaflet/leaflet.js", "leaflet/leaflet.css", "leaflet/LICENSE",
                  "leaflet/images/marker-icon.png", "world-atlas/countries-110m.json",
                  "topojson-client/topojson-client.min.js"):  # fmt: skip
        assert (example_site / "assets" / "vendor" / asset).is_file(), asset


def test_a_place_page_maps_just_that_place(example_site: Path) -> None:
    html = (example_site / "places" / "kyiv" / "index.html").read_text(encoding="utf-8")
    attribute = re.search(r'data-places="([^"]*)"', html)
    assert attribute is not None
    markers = json.loads(html_lib.unescape(attribute.group(1)))
    assert [(m["name"], m["href"], m["label"], m["entries"]) for m in markers] == [
        ("Kyiv", "./", "3 entries", 3)
    ]
    assert 'aria-label="Map: Kyiv"' in html and "leaflet.js" in html
