/* The map of welcoming places: an extra beside the list, which holds everything.
   Leaflet comes from our own static files. Tiles only when the portal is configured with a tile
   server (MAP_TILE_URL); otherwise the markers lie over a plain local background. */
(function () {
  "use strict";
  var element = document.getElementById("places-map");
  var pointsData = document.getElementById("map-points");
  var configData = document.getElementById("map-config");
  if (!element || !pointsData || !configData || typeof L === "undefined") {
    return;
  }
  var points = JSON.parse(pointsData.textContent);
  var config = JSON.parse(configData.textContent);
  element.hidden = false;
  var labels = config.labels || {};
  var map = L.map(element, { scrollWheelZoom: false, attributionControl: Boolean(config.tileUrl), zoomControl: false });
  // Leaflet's controls in the page's language (their English titles are Leaflet's defaults).
  L.control.zoom({
    zoomInTitle: labels.zoomIn || "Zoom in",
    zoomOutTitle: labels.zoomOut || "Zoom out"
  }).addTo(map);
  map.on("popupopen", function (event) {
    var close = event.popup.getElement() && event.popup.getElement().querySelector(".leaflet-popup-close-button");
    if (close && labels.closePopup) {
      close.setAttribute("aria-label", labels.closePopup);
      close.setAttribute("title", labels.closePopup);
    }
  });
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { maxZoom: 19, attribution: config.attribution || "" }).addTo(map);
  }
  var icon = L.icon({
    iconUrl: config.iconUrl,
    iconRetinaUrl: config.iconRetinaUrl,
    shadowUrl: config.shadowUrl,
    iconSize: [25, 41],
    iconAnchor: [12, 41],
    popupAnchor: [1, -34],
    shadowSize: [41, 41]
  });
  // Places that would lie on top of each other at this zoom share one marker, whose popup lists
  // them all: every marker stays a target of its own, at least 24 px, never covered by another
  // (WCAG 2.5.8). The groups are made again after every zoom.
  var layer = L.layerGroup().addTo(map);
  var MIN_DX = 36;
  var MIN_DY = 50;

  function groupsAtThisZoom() {
    var groups = [];
    points.forEach(function (point) {
      var at = map.latLngToLayerPoint([point.lat, point.lng]);
      var group = null;
      for (var i = 0; i < groups.length; i++) {
        if (Math.abs(groups[i].at.x - at.x) < MIN_DX && Math.abs(groups[i].at.y - at.y) < MIN_DY) {
          group = groups[i];
          break;
        }
      }
      if (group) {
        group.points.push(point);
      } else {
        groups.push({ at: at, points: [point] });
      }
    });
    return groups;
  }

  function popupFor(group) {
    var list = document.createElement("ul");
    list.className = "nw-map-popup";
    group.points.forEach(function (point) {
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.name;
      var kind = document.createElement("span");
      kind.textContent = " · " + point.kind;
      var item = document.createElement("li");
      item.appendChild(link);
      item.appendChild(kind);
      list.appendChild(item);
    });
    return list;
  }

  function draw() {
    layer.clearLayers();
    groupsAtThisZoom().forEach(function (group) {
      var first = group.points[0];
      var names = group.points.map(function (point) { return point.name; }).join(", ");
      var markerIcon = icon;
      if (group.points.length > 1) {
        var count = document.createElement("span");
        count.setAttribute("aria-hidden", "true");
        count.textContent = String(group.points.length);
        markerIcon = L.divIcon({ className: "nw-map-group", html: count, iconSize: [34, 34], iconAnchor: [17, 37], popupAnchor: [0, -34] });
      }
      var marker = L.marker([first.lat, first.lng], { icon: markerIcon, title: names, alt: names, keyboard: true });
      marker.bindPopup(popupFor(group));
      marker.addTo(layer);
      if (group.points.length > 1) {
        // The visible count is part of the name (WCAG 2.5.3): "3: Café …, Club …, …".
        marker.getElement().setAttribute("aria-label", group.points.length + ": " + names);
      }
    });
  }

  var bounds = points.map(function (point) { return [point.lat, point.lng]; });
  if (bounds.length) {
    map.fitBounds(bounds, { padding: [30, 30], maxZoom: 15 });
  } else {
    map.setView([51.05, 3.72], 12);
  }
  draw();
  map.on("zoomend", draw);
})();
