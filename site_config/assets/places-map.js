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
  var LABELLED = 12;
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

  var bounds = [];
  places.forEach(function (place) {
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
    // Names stay on the map while they fit; with many places they show on hover.
    marker.bindTooltip(text("span", place.name), {
      permanent: places.length <= LABELLED, direction: "right", offset: [-4, 0],
      className: places.length <= LABELLED ? "cc-map-label" : ""
    });
    marker.addTo(map);
    bounds.push([place.lat, place.lng]);
  });
  map.fitBounds(bounds, { padding: [40, 40], maxZoom: places.length === 1 ? 5 : 6 });
})();
