/* The atlas's maps (Leaflet, static/vendor/). Everything comes from the container's data-
   attributes: data-tiles and data-attribution (settings MAP_TILE_URL, MAP_TILE_ATTRIBUTION),
   data-labels (the words, in the page's language), and either
   - data-bodies-url: the map page, bodies from /donnees/acteurs.geojson, clustered, sized by their
     number of partnerships; lines to a body's partners (data-partners-url + &de=slug) on hover,
     focus or choice;
   - data-points: a small map, [[longitude, latitude, name], …], with data-lines="pairs" (a line
     between every two points) or data-partners-url (lines from the first point to its partners).
   Without this script, or without tiles, the page's list or text says the same. */
(function () {
  "use strict";

  if (!window.L) {
    return;
  }

  var plurals = new Intl.PluralRules(document.documentElement.lang || "fr");

  function labelsOf(element) {
    try {
      return JSON.parse(element.dataset.labels || "{}");
    } catch (error) {
      return {};
    }
  }

  function say(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (match, name) {
      return name in values ? values[name] : match;
    });
  }

  function counted(labels, n, one, other) {
    return say(plurals.select(n) === "one" ? labels[one] : labels[other], { n: n.toLocaleString() });
  }

  function withParameter(url, name, value) {
    return url + (url.indexOf("?") === -1 ? "?" : "&") + name + "=" + encodeURIComponent(value);
  }

  function baseMap(element, labels, options) {
    element.textContent = "";
    var map = L.map(element, options);
    var tiles = L.tileLayer(element.dataset.tiles, {
      attribution: element.dataset.attribution,
      maxZoom: 18,
      // On a screen of more than one pixel per CSS pixel, tiles of the next zoom at half size:
      // a 256 px tile stretched over 256 CSS px is blurred there (Lighthouse image-size-responsive).
      detectRetina: true,
    });
    var noticed = false;
    tiles.on("tileerror", function () {
      if (noticed) {
        return;
      }
      noticed = true;
      element.classList.add("map-without-tiles");
      var notice = L.control({ position: "bottomleft" });
      notice.onAdd = function () {
        var box = L.DomUtil.create("p", "map-notice");
        box.textContent = labels.noTiles;
        return box;
      };
      notice.addTo(map);
    });
    tiles.addTo(map);
    return map;
  }

  function diameter(count) {
    return Math.round(Math.min(56, 14 + 6 * Math.sqrt(count)));
  }

  function bubble(text, size, className, spoken) {
    var span = document.createElement("span");
    span.textContent = text;
    if (spoken) {
      span.setAttribute("aria-hidden", "true");
      var wrapper = document.createElement("span");
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = spoken;
      wrapper.appendChild(span);
      wrapper.appendChild(hidden);
      span = wrapper;
    }
    return L.divIcon({ html: span, className: className, iconSize: [size, size] });
  }

  function nameMarker(marker, name) {
    marker.on("add", function () {
      var element = marker.getElement();
      if (element) {
        element.setAttribute("aria-label", name);
      }
    });
  }

  function status(element, text) {
    var box = element.parentNode.querySelector(".map-status");
    if (box) {
      box.textContent = text;
    }
  }

  var lineStyle = { color: "#a4161a", weight: 2, opacity: 0.75, interactive: false };

  /* The map page. */
  function bodiesMap(element) {
    var labels = labelsOf(element);
    var map = baseMap(element, labels, { worldCopyJump: true, minZoom: 1 });
    map.setView([20, 10], 2);
    var lines = L.layerGroup().addTo(map);
    var partners = {};
    var markers = {};
    var chosen = null;

    var clusters = L.markerClusterGroup({
      showCoverageOnHover: false,
      chunkedLoading: true,
      maxClusterRadius: 50,
      iconCreateFunction: function (cluster) {
        var n = cluster.getChildCount();
        var spoken = counted(labels, n, "clusterOne", "clusterOther");
        return bubble(n.toLocaleString(), Math.min(60, 28 + 4 * Math.log(n)), "map-cluster", spoken);
      },
    });
    // A cluster is a button: Enter zooms in on its bodies (markercluster), and so does Space.
    clusters.on("clusterkeypress", function (event) {
      if (event.originalEvent.key === " ") {
        event.originalEvent.preventDefault();
        event.layer.zoomToBounds({ padding: [20, 20] });
      }
    });
    map.addLayer(clusters);

    function draw(slug) {
      lines.clearLayers();
      var collection = partners[slug];
      if (!collection) {
        return;
      }
      lines.addLayer(L.geoJSON(collection, { style: lineStyle }));
    }

    function show(slug) {
      if (partners[slug]) {
        draw(slug);
        return Promise.resolve(partners[slug]);
      }
      return fetch(withParameter(element.dataset.partnersUrl, "de", slug), {
        headers: { Accept: "application/geo+json" },
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.json();
        })
        .then(function (collection) {
          partners[slug] = collection;
          if (chosen === slug || hovered === slug) {
            draw(slug);
          }
          return collection;
        });
    }

    var hovered = null;

    function hover(slug) {
      hovered = slug;
      show(slug).catch(function () {});
    }

    function leave(slug) {
      if (hovered === slug) {
        hovered = null;
      }
      if (chosen) {
        draw(chosen);
      } else {
        lines.clearLayers();
      }
    }

    function choose(slug) {
      chosen = slug;
      var marker = markers[slug];
      show(slug)
        .then(function (collection) {
          var name = marker.feature.properties.nom;
          var n = collection.partenaires;
          var text = n ? counted(labels, n, "partnersOne", "partnersOther") : labels.partnersNone;
          status(element, say(text, { name: name }));
        })
        .catch(function () {});
    }

    function popup(feature) {
      var box = document.createElement("div");
      var title = document.createElement("p");
      var strong = document.createElement("strong");
      strong.textContent = feature.properties.nom;
      title.appendChild(strong);
      title.appendChild(
        document.createTextNode(" — " + counted(labels, feature.properties.partenariats, "one", "other")),
      );
      var links = document.createElement("p");
      var page = document.createElement("a");
      page.href = feature.properties.url;
      page.textContent = labels.page;
      var directory = document.createElement("a");
      directory.href = withParameter(element.dataset.directoryUrl, "acteur", feature.properties.slug);
      directory.textContent = labels.directory;
      links.appendChild(page);
      links.appendChild(document.createElement("br"));
      links.appendChild(directory);
      box.appendChild(title);
      box.appendChild(links);
      return box;
    }

    function markerOf(feature) {
      var props = feature.properties;
      var count = props.partenariats;
      var name = props.nom + " — " + counted(labels, count, "one", "other");
      var latlng = L.latLng(feature.geometry.coordinates[1], feature.geometry.coordinates[0]);
      var marker = L.marker(latlng, {
        icon: bubble(count.toLocaleString(), diameter(count), "map-body"),
        title: name,
        keyboard: true,
        riseOnHover: true,
      });
      marker.feature = feature;
      nameMarker(marker, name);
      marker.bindPopup(function () {
        return popup(feature);
      });
      marker.on("mouseover", function () {
        hover(props.slug);
      });
      marker.on("mouseout", function () {
        leave(props.slug);
      });
      marker.on("click", function () {
        choose(props.slug);
      });
      // Enter opens the popup (Leaflet's keypress); a button also answers Space.
      marker.on("keypress", function (event) {
        if (event.originalEvent.key === "Enter") {
          choose(props.slug);
        }
      });
      marker.on("add", function () {
        var icon = marker.getElement();
        icon.addEventListener("focus", function () {
          hover(props.slug);
        });
        icon.addEventListener("blur", function () {
          leave(props.slug);
        });
        icon.addEventListener("keydown", function (event) {
          if (event.key === " ") {
            event.preventDefault();
            marker.openPopup();
            choose(props.slug);
          }
        });
      });
      return marker;
    }

    function addListButtons() {
      var items = document.querySelectorAll(".map-bodies li[data-slug]");
      Array.prototype.forEach.call(items, function (item) {
        var slug = item.dataset.slug;
        if (!markers[slug]) {
          return;
        }
        var button = document.createElement("button");
        button.type = "button";
        button.className = "map-show";
        button.textContent = labels.show;
        button.addEventListener("click", function () {
          var marker = markers[slug];
          clusters.zoomToShowLayer(marker, function () {
            marker.openPopup();
            choose(slug);
          });
        });
        item.appendChild(document.createTextNode(" "));
        item.appendChild(button);
      });
    }

    map.on("popupclose", function () {
      chosen = null;
      lines.clearLayers();
    });

    fetch(element.dataset.bodiesUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (collection) {
        var list = [];
        collection.features.forEach(function (feature) {
          if (feature.properties.partenariats > 0) {
            var marker = markerOf(feature);
            markers[feature.properties.slug] = marker;
            list.push(marker);
          }
        });
        clusters.addLayers(list);
        if (list.length) {
          // Not animated: the map is still (and a first key press acts) once the markers are counted.
          map.fitBounds(clusters.getBounds(), { padding: [20, 20], maxZoom: 8, animate: false });
        }
        element.dataset.markers = String(list.length);
        status(element, counted(labels, list.length, "shownOne", "shownOther"));
        addListButtons();
      })
      .catch(function () {
        status(element, labels.failed);
      });
  }

  /* A detail page's small map. */
  function smallMap(element) {
    var labels = labelsOf(element);
    var found;
    try {
      found = JSON.parse(element.dataset.points || "[]");
    } catch (error) {
      found = [];
    }
    if (!found.length) {
      element.parentNode.hidden = true;
      return;
    }
    var map = baseMap(element, labels, { scrollWheelZoom: false, worldCopyJump: true });
    var layer = L.featureGroup().addTo(map);
    var latlngs = found.map(function (point) {
      var latlng = L.latLng(point[1], point[0]);
      var marker = L.marker(latlng, { icon: bubble("", 16, "map-body map-point"), title: point[2], keyboard: false });
      layer.addLayer(marker);
      return latlng;
    });
    if (element.dataset.lines === "pairs") {
      latlngs.forEach(function (from, index) {
        latlngs.slice(index + 1).forEach(function (to) {
          layer.addLayer(L.polyline([from, to], lineStyle));
        });
      });
    }
    function fit() {
      if (latlngs.length === 1 && layer.getLayers().length === 1) {
        map.setView(latlngs[0], 6, { animate: false });
      } else {
        map.fitBounds(layer.getBounds(), { padding: [20, 20], maxZoom: 7, animate: false });
      }
    }
    fit();
    element.dataset.markers = String(latlngs.length);
    if (element.dataset.partnersUrl) {
      fetch(element.dataset.partnersUrl, { headers: { Accept: "application/geo+json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.json();
        })
        .then(function (collection) {
          layer.addLayer(
            L.geoJSON(collection, {
              style: lineStyle,
              onEachFeature: function (feature) {
                var end = feature.geometry.coordinates[1];
                layer.addLayer(
                  L.marker(L.latLng(end[1], end[0]), {
                    icon: bubble("", 12, "map-body map-partner"),
                    title: feature.properties.nom,
                    keyboard: false,
                  }),
                );
              },
            }),
          );
          element.dataset.markers = String(latlngs.length + collection.features.length);
          fit();
        })
        .catch(function () {});
    }
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".map[data-tiles]"), function (element) {
      if (element.dataset.bodiesUrl) {
        bodiesMap(element);
      } else {
        smallMap(element);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
