/* Conflict Chronicle: draw the places index's map with Leaflet (assets/vendor/leaflet).
 *
 * The page already lists every place; this only adds a map above the list, and does
 * nothing when Leaflet or the marker data is missing. The base map is a tile layer
 * when mkdocs.yml sets `extra.chronicle.map.tiles`, and otherwise the country outlines
 * shipped with the site (Natural Earth via world-atlas), so no request leaves the site
 * by default. Record values are written with textContent only, never as HTML.
 */
(function () {
  "use strict";
  var container = document.getElementById("cc-map");
  if (!container || typeof L === "undefined") {
    return;
  }
  var places = JSON.parse(container.getAttribute("data-places") || "[]");
  var configNode = document.getElementById("cc-map-config");
  var config = configNode ? JSON.parse(configNode.textContent || "{}") : {};
  if (!places.length) {
    return;
  }
  container.hidden = false;
  // Readers who ask their system for less motion get a map that jumps, not glides.
  var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var map = L.map(container, {
    scrollWheelZoom: false, worldCopyJump: true,
    zoomAnimation: !still, fadeAnimation: !still, markerZoomAnimation: !still
  });
  var ANTARCTICA = "010"; // its outline closes along the pole, a band across the map's foot
  // Leaflet's default credit carries a national flag; a chronicle of a war shows none.
  map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');

  function text(tag, value, className) {
    var node = document.createElement(tag);
    node.textContent = value;
    if (className) {
      node.className = className;
    }
    return node;
  }

  // Outlines cross the 180th meridian by jumping from one edge of the map to the other
  // (Russia, Fiji); Leaflet would draw each jump as a band across the whole map. Each
  // ring is made continuous instead: its points go on past 180 degrees.
  function unwrap(country) {
    var geometry = country.geometry;
    if (!geometry) {
      return;
    }
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    polygons.forEach(function (rings) {
      rings.forEach(function (ring) {
        for (var i = 1; i < ring.length; i++) {
          while (ring[i][0] - ring[i - 1][0] > 180) {
            ring[i][0] -= 360;
          }
          while (ring[i][0] - ring[i - 1][0] < -180) {
            ring[i][0] += 360;
          }
        }
      });
    });
  }

  function outlines() {
    if (!config.outline || typeof topojson === "undefined" || !window.fetch) {
      return;
    }
    fetch(config.outline)
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (topology) {
        if (!topology) {
          return;
        }
        var countries = topojson.feature(topology, topology.objects.countries);
        countries.features = countries.features.filter(function (country) {
          return country.id !== ANTARCTICA;
        });
        countries.features.forEach(unwrap);
        L.geoJSON(countries, {
          interactive: false,
          attribution: "Borders: Natural Earth",
          style: { color: "#90a4ae", weight: 0.7, fillColor: "#f5f5f0", fillOpacity: 1 }
        }).addTo(map).bringToBack();
      })
      .catch(function () {
        container.classList.add("cc-map--plain");
      });
  }

  if (config.tiles) {
    var layer = L.tileLayer(config.tiles, { attribution: config.attribution || "", maxZoom: 18 });
    layer.on("tileerror", function () {
      container.classList.add("cc-map--plain");
    });
    layer.addTo(map);
  } else {
    outlines();
  }

  // Each place's name stays beside its pin where it fits: right of it, or else left,
  // above or below, inside the map and clear of every other pin, of the names already
  // placed and of the map's buttons and credit; places with the most entries are placed
  // first. A name that fits nowhere is hidden, and shows while its pin is hovered or has
  // the keyboard's focus; zooming in makes room for it. Names are plain text in a pane
  // of their own, placed again after every move: not Leaflet tooltips, which measure
  // and move each one in turn at every zoom (seconds for a thousand places). The pane is
  // hidden from screen readers: each pin's text alternative is its place's name.
  var PIN = L.Icon.Default.prototype.options; // the pin every marker is drawn with
  var GAP = 3; // pixels between a pin and its name
  var CLEAR = 2; // pixels kept free around a name, so that two never touch
  var MIDDLE = PIN.iconSize[0] / 2 - PIN.iconAnchor[0];
  // For each side, in order of preference: where the middle of the name's edge nearest
  // the pin goes, from the pin's point (the foot of the pin).
  var SIDES = {
    right: L.point(PIN.iconSize[0] - PIN.iconAnchor[0] + GAP, PIN.tooltipAnchor[1]),
    left: L.point(-PIN.iconAnchor[0] - GAP, PIN.tooltipAnchor[1]),
    top: L.point(MIDDLE, -PIN.iconAnchor[1] - GAP),
    bottom: L.point(MIDDLE, PIN.iconSize[1] - PIN.iconAnchor[1] + GAP)
  };
  // Leaflet hides a pane with this class while a zoom is animated, until names are placed.
  var pane = map.createPane("cc-labels");
  pane.classList.add("leaflet-zoom-hide");
  pane.setAttribute("aria-hidden", "true");
  var labels = [];

  function box(left, top, width, height) {
    return { left: left, top: top, right: left + width, bottom: top + height };
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  // Where a name goes on one side of its pin, in the map container's pixels, with
  // `margin` pixels more all round.
  function labelBox(label, side, margin) {
    var at = label.point.add(SIDES[side]);
    var width = label.width;
    var height = label.height;
    var left = side === "right" ? at.x : side === "left" ? at.x - width : at.x - width / 2;
    var top = side === "top" ? at.y - height : side === "bottom" ? at.y : at.y - height / 2;
    return box(left - margin, top - margin, width + 2 * margin, height + 2 * margin);
  }

  function placeLabels() {
    var size = map.getSize();
    var frame = container.getBoundingClientRect();
    var taken = Array.prototype.map.call(container.querySelectorAll(".leaflet-control"),
      function (control) {
        var r = control.getBoundingClientRect();
        return box(r.left - frame.left, r.top - frame.top, r.width, r.height);
      });
    var pins = labels.map(function (label) {
      label.point = map.latLngToContainerPoint(label.latlng);
      return box(label.point.x - PIN.iconAnchor[0], label.point.y - PIN.iconAnchor[1],
        PIN.iconSize[0], PIN.iconSize[1]);
    });
    var ranked = labels.slice().sort(function (a, b) {
      return b.entries - a.entries || a.index - b.index;
    });
    ranked.forEach(function (label) {
      var inside = Object.keys(SIDES).filter(function (side) {
        var at = labelBox(label, side, CLEAR);
        return at.left >= 0 && at.top >= 0 && at.right <= size.x && at.bottom <= size.y;
      });
      var free = inside.filter(function (side) {
        var at = labelBox(label, side, CLEAR);
        return !taken.some(function (other) { return overlaps(at, other); }) &&
          !pins.some(function (pin, i) { return i !== label.index && overlaps(at, pin); });
      });
      var side = free[0] || inside[0] || "right";
      if (free.length) {
        taken.push(labelBox(label, side, CLEAR));
      }
      var at = labelBox(label, side, 0);
      L.DomUtil.setPosition(label.node, map.containerPointToLayerPoint([at.left, at.top]).round());
      label.node.classList.toggle("cc-map-label--hidden", !free.length);
    });
  }

  function highlight(label, on) {
    label.node.classList.toggle("cc-map-label--active", on);
  }

  var bounds = [];
  places.forEach(function (place, index) {
    var marker = L.marker([place.lat, place.lng], { title: place.name, alt: place.name });
    var popup = document.createElement("div");
    var link = text("a", place.name);
    link.href = place.href;
    popup.appendChild(link);
    popup.appendChild(text("span", " · " + place.label));
    marker.bindPopup(popup);
    // From the keyboard: Enter on a marker opens its popup and moves there, to the place's
    // link; Escape closes it and goes back to the marker.
    marker.on("popupopen", function () {
      link.focus();
    });
    popup.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        marker.closePopup();
        var icon = marker.getElement();
        if (icon) {
          icon.focus();
        }
      }
    });
    var label = {
      latlng: marker.getLatLng(), node: pane.appendChild(text("span", place.name, "cc-map-label")),
      entries: place.entries, index: index
    };
    labels.push(label);
    marker.on("mouseover", function () {
      highlight(label, true);
    });
    marker.on("mouseout", function () {
      highlight(label, false);
    });
    marker.on("add", function () {
      var icon = marker.getElement();
      icon.addEventListener("focus", function () {
        highlight(label, true);
      });
      icon.addEventListener("blur", function () {
        highlight(label, false);
      });
    });
    marker.addTo(map);
    bounds.push([place.lat, place.lng]);
  });
  // Names keep their size: each is measured once, all in one layout.
  labels.forEach(function (label) {
    label.width = label.node.offsetWidth;
    label.height = label.node.offsetHeight;
  });
  map.fitBounds(bounds, { padding: [40, 40], maxZoom: places.length === 1 ? 5 : 6 });
  placeLabels();
  map.on("moveend", placeLabels);
})();
