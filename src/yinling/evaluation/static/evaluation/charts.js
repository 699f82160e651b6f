/* Evaluation charts (ECharts). Each chart element names its data with data-source (the id of a
   json_script block) and its kind with data-chart; the tables beside them hold the same numbers
   for anyone without JavaScript or a screen. Estimates always come with their intervals.

   Every text a chart draws stays inside its canvas: the grids keep room for the axis names as
   well as the tick labels, and long radar names wrap onto two lines (the radar shrinks to fit
   them on a phone) instead of running off the edge; hovering a radar name shows it whole. */
(function () {
  "use strict";
  var BAND_COLOURS = {
    sig_above: "#1e7b3a", above: "#5a9e6f", average: "#6b7280", below: "#c2410c", sig_below: "#b3261e"
  };
  var FONT_SIZE = 11;
  var LINE_HEIGHT = 14;
  var NAME_GAP = 12;   // between a radar's rim and its indicator names
  var EDGE = 6;        // kept free along the canvas edges

  function data(el) {
    var source = document.getElementById(el.dataset.source);
    return source ? JSON.parse(source.textContent) : null;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function fill(pattern, values) {
    // "{estimate}（95% 区间 {low} ~ {high}）" with its values; the pattern is translated.
    return pattern.replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? values[key] : all;
    });
  }

  function interval(el, d) {
    var pattern = el.dataset.intervalFormat || "{estimate} ({low} ~ {high})";
    return escapeHtml(fill(pattern, {
      estimate: d.estimate.toFixed(2), low: d.low.toFixed(2), high: d.high.toFixed(2)
    }));
  }

  var measure = (function () {
    var context = document.createElement("canvas").getContext("2d");
    return function (text) {
      context.font = FONT_SIZE + "px " + getComputedStyle(document.body).fontFamily;
      return context.measureText(text).width;
    };
  })();

  // A cartesian grid whose outer bounds hold the tick labels and the axis names; `top` leaves
  // room for a value axis's name above the plot.
  function grid(extra) {
    var base = {
      left: EDGE, right: 24, top: 40, bottom: 32,
      outerBoundsMode: "same", outerBoundsContain: "all"
    };
    return Object.assign(base, extra || {});
  }

  // A value axis named above its top end, the name starting at the axis line and running
  // right, so that it is neither cut at the top nor pushed off the left edge.
  function namedValueAxis(name, extra) {
    return Object.assign({
      type: "value", name: name, nameLocation: "end", nameGap: 14,
      nameTextStyle: { align: "left", verticalAlign: "bottom", fontSize: FONT_SIZE }
    }, extra || {});
  }

  function errorBars(horizontal) {
    // One interval per point: value [category index, low, high].
    return function (params, api) {
      var category = api.value(0), low = api.value(1), high = api.value(2);
      var a = horizontal ? api.coord([low, category]) : api.coord([category, low]);
      var b = horizontal ? api.coord([high, category]) : api.coord([category, high]);
      var cap = 4, style = api.style({ stroke: api.visual("color"), lineWidth: 2, fill: null });
      var caps = horizontal
        ? [[a[0], a[1] - cap, a[0], a[1] + cap], [b[0], b[1] - cap, b[0], b[1] + cap]]
        : [[a[0] - cap, a[1], a[0] + cap, a[1]], [b[0] - cap, b[1], b[0] + cap, b[1]]];
      return {
        type: "group",
        children: [{ type: "line", shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style: style }]
          .concat(caps.map(function (c) {
            return { type: "line", shape: { x1: c[0], y1: c[1], x2: c[2], y2: c[3] }, style: style };
          }))
      };
    };
  }

  function caterpillar(el, points) {
    var names = points.map(function (p) { return p.name; });
    el.style.height = Math.max(320, 22 * points.length + 80) + "px";
    return {
      grid: grid({ top: 16, bottom: EDGE }),
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          var d = points[p.dataIndex];
          return escapeHtml(d.name) + "<br>" + interval(el, d) + "<br>" + escapeHtml(d.band_label) +
            (d.small ? " · " + escapeHtml(el.dataset.smallLabel) : "");
        }
      },
      xAxis: {
        type: "value", name: el.dataset.axisLabel, nameLocation: "middle", nameGap: 28,
        nameTextStyle: { fontSize: FONT_SIZE },
        splitNumber: el.clientWidth < 480 ? 4 : 8,
        axisLabel: { fontSize: FONT_SIZE, hideOverlap: true }
      },
      yAxis: { type: "category", data: names, axisLabel: { fontSize: FONT_SIZE } },
      series: [
        {
          type: "custom", renderItem: errorBars(true), encode: { x: [1, 2], y: 0 },
          data: points.map(function (p, i) {
            return { value: [i, p.low, p.high], itemStyle: { color: BAND_COLOURS[p.band] } };
          }),
          z: 1
        },
        {
          type: "scatter", symbolSize: 8,
          data: points.map(function (p, i) {
            return { value: [p.estimate, i], itemStyle: { color: BAND_COLOURS[p.band] } };
          }),
          markLine: {
            silent: true, symbol: "none", data: [{ xAxis: 0 }], lineStyle: { type: "dashed" },
            label: { show: false }
          },
          z: 2
        }
      ]
    };
  }

  function trend(el, points) {
    var labels = points.map(function (p) { return p.label; });
    return {
      grid: grid(),
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          var d = points[p.dataIndex];
          return escapeHtml(d.label) + "<br>" + interval(el, d) + "<br>" + escapeHtml(d.band_label);
        }
      },
      xAxis: { type: "category", data: labels, axisLabel: { interval: 0, fontSize: FONT_SIZE } },
      yAxis: namedValueAxis(el.dataset.axisLabel),
      series: [
        {
          type: "custom", renderItem: errorBars(false), encode: { x: 0, y: [1, 2] },
          data: points.map(function (p, i) {
            return { value: [i, p.low, p.high], itemStyle: { color: BAND_COLOURS[p.band] } };
          })
        },
        {
          type: "line", symbolSize: 8,
          data: points.map(function (p) {
            return { value: p.estimate, itemStyle: { color: BAND_COLOURS[p.band] } };
          }),
          markLine: {
            silent: true, symbol: "none", data: [{ yAxis: 0 }], lineStyle: { type: "dashed" },
            label: { show: false }
          }
        }
      ]
    };
  }

  // Two lines of about equal width: at the space nearest the middle when the name has spaces,
  // otherwise between the characters nearest the middle (Chinese names).
  function twoLines(name) {
    var half = measure(name) / 2, best = null;
    var spaces = name.indexOf(" ") >= 0;
    for (var i = 1; i < name.length; i++) {
      if (spaces && name.charAt(i) !== " ") { continue; }
      var first = name.slice(0, i).trim(), second = name.slice(i).trim();
      var width = Math.max(measure(first), measure(second));
      if (best === null || Math.abs(measure(first) - half) < best.off) {
        best = { text: first + "\n" + second, width: width, off: Math.abs(measure(first) - half) };
      }
    }
    return best || { text: name, width: measure(name) };
  }

  // Indicator names that fit beside the radar: those wider than a line allows wrap onto two
  // lines; then the radius is the largest (up to 60% of the room) that keeps every name, on
  // whichever side of the radar it falls, inside the canvas.
  function radarLayout(el, names) {
    var width = el.clientWidth || 360, height = el.clientHeight || 380;
    var legend = 32, cx = width / 2, cy = (height - legend) / 2;
    var line = Math.max(66, Math.min(120, width * 0.24));
    var labels = names.map(function (name) {
      var w = measure(name);
      return w > line ? twoLines(name) : { text: name, width: w };
    });
    var radius = 0.6 * Math.min(cx, cy);
    labels.forEach(function (label, i) {
      var angle = Math.PI / 2 + (2 * Math.PI * i) / names.length;   // counter-clockwise from the top
      var dx = Math.cos(angle), dy = -Math.sin(angle);
      var lines = label.text.split("\n").length, textHeight = lines * LINE_HEIGHT;
      if (Math.abs(dx) > 0.05) {   // beside the radar: the name runs outwards
        radius = Math.min(radius, (cx - EDGE - label.width) / Math.abs(dx) - NAME_GAP);
      } else {                     // at the top or bottom: centred on the axis
        radius = Math.min(radius, cx - EDGE - label.width / 2);
      }
      if (Math.abs(dy) > 0.05) {
        radius = Math.min(radius, (cy - EDGE - textHeight) / Math.abs(dy) - NAME_GAP);
      }
    });
    return {
      center: [cx, cy],
      radius: Math.max(40, Math.floor(radius)),
      names: labels.map(function (label) { return label.text; })
    };
  }

  function radar(el, d) {
    var layout = radarLayout(el, d.indicators);
    var full = {};
    layout.names.forEach(function (shown, i) { full[shown] = d.indicators[i]; });
    return {
      tooltip: {},
      legend: { bottom: 0, data: d.series.map(function (s) { return s.name; }) },
      radar: {
        radius: layout.radius, center: layout.center, axisNameGap: NAME_GAP,
        indicator: d.indicators.map(function (name) { return { name: name, min: 0, max: 9 }; }),
        axisName: {
          fontSize: FONT_SIZE, lineHeight: LINE_HEIGHT,
          formatter: function (name) {
            return layout.names[d.indicators.indexOf(name)] || name;
          }
        },
        // Hovering a name shows it whole, on one line.
        triggerEvent: true,
        tooltip: {
          formatter: function (params) { return escapeHtml(full[params.name] || params.name); }
        }
      },
      series: [{
        type: "radar",
        data: d.series.map(function (s) { return { name: s.name, value: s.values }; })
      }]
    };
  }

  function lines(el, d) {
    return {
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", bottom: 0, tooltip: { show: true } },
      grid: grid({ bottom: 40 }),
      xAxis: { type: "category", data: d.years },
      yAxis: namedValueAxis(el.dataset.axisLabel, { min: 1, max: 9, interval: 1 }),
      series: d.series.map(function (s) {
        return { type: "line", name: s.name, data: s.values, connectNulls: false };
      })
    };
  }

  var KINDS = { caterpillar: caterpillar, trend: trend, radar: radar, lines: lines };

  function draw() {
    if (typeof echarts === "undefined") { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var payload = data(el), kind = KINDS[el.dataset.chart];
      if (!payload || !kind) { return; }
      if ((Array.isArray(payload) && !payload.length) || (payload.series && !payload.series.length)) {
        return;
      }
      el.hidden = false;
      var chart = echarts.init(el);
      chart.setOption(kind(el, payload));
      window.addEventListener("resize", function () {
        chart.resize();
        chart.setOption(kind(el, payload));   // the radar's layout follows the new width
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
