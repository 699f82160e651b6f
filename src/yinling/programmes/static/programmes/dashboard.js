/* Programme dashboard charts (ECharts). Data comes from the #dashboard-data JSON script tag. */
(function () {
  "use strict";
  function draw() {
    if (!window.echarts) { return; }
    var data = JSON.parse(document.getElementById("dashboard-data").textContent);
    function bar(id, rows) {
      var el = document.getElementById(id);
      if (!el) { return; }
      window.echarts.init(el).setOption({
        tooltip: {}, grid: { left: 40, right: 10, bottom: 60 },
        xAxis: { type: "category", data: rows.map(function (r) { return r.label; }), axisLabel: { rotate: 30 } },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ type: "bar", data: rows.map(function (r) { return r.count; }) }]
      });
    }
    bar("chart-status", data.byStatus);
    bar("chart-schools", data.schools);
    // Domains as horizontal bars: every domain's full name stays readable beside its bar,
    // where a pie's legend would page its long names (1/4) in a narrow card.
    var domain = document.getElementById("chart-domain");
    if (domain) {
      var rows = data.byDomain.slice().reverse();  // the first domain on top
      window.echarts.init(domain).setOption({
        tooltip: {}, grid: { left: 8, right: 32, top: 8, bottom: 24, containLabel: true },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", data: rows.map(function (r) { return r.label; }), axisLabel: { width: 150, overflow: "break", interval: 0 } },
        series: [{ type: "bar", label: { show: true, position: "right" }, data: rows.map(function (r) { return r.count; }) }]
      });
    }
    var calendar = document.getElementById("chart-calendar");
    if (calendar) {
      window.echarts.init(calendar).setOption({
        tooltip: { formatter: function (p) { return p.value[0] + (data.names === "EN" ? ": " : "：") + p.value[1]; } },
        visualMap: { show: false, min: 0, max: 3, inRange: { color: ["#e8f1fb", "#1f5fa8"] } },
        calendar: { range: data.year, cellSize: ["auto", 14], dayLabel: { nameMap: data.names || "ZH" }, monthLabel: { nameMap: data.names || "ZH" }, yearLabel: { show: false } },
        series: [{ type: "heatmap", coordinateSystem: "calendar", data: data.calendar }]
      });
    }
  }
  document.addEventListener("DOMContentLoaded", draw);
})();
