/* Service directory map: plots the results listed on the page (data-lat / data-lon on each
   item). Works without tiles: with no tile URL configured the markers sit on a blank map. */
(function () {
  "use strict";

  function draw() {
    var element = document.getElementById("directory-map");
    if (!element || typeof L === "undefined") {
      return;
    }
    if (element._leaflet_id) {
      element._leaflet_map.remove();
    }
    var items = document.querySelectorAll(".service-list [data-lat]");
    var map = L.map(element, { scrollWheelZoom: false });
    element._leaflet_map = map;
    var tiles = element.getAttribute("data-tile-url");
    if (tiles) {
      L.tileLayer(tiles, { attribution: element.getAttribute("data-tile-attribution") || "" }).addTo(map);
    }
    var bounds = [];
    items.forEach(function (item) {
      var point = [parseFloat(item.getAttribute("data-lat")), parseFloat(item.getAttribute("data-lon"))];
      var marker = L.marker(point, { title: item.getAttribute("data-name"), alt: item.getAttribute("data-name") });
      var url = item.getAttribute("data-url");
      var content = document.createElement(url ? "a" : "span");
      content.textContent = item.getAttribute("data-name");
      if (url) {
        content.href = url;
      }
      marker.bindPopup(content).addTo(map);
      bounds.push(point);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 15 });
    } else {
      map.setView([43.65, -79.38], 11);
    }
  }

  document.addEventListener("DOMContentLoaded", draw);
  document.body.addEventListener("htmx:afterSwap", draw);
})();
