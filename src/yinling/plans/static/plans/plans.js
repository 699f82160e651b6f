// Plan supervision: target history charts (ECharts) and confirmations, hooked by data- attributes.
(function () {
  "use strict";

  function drawCharts(root) {
    if (typeof window.echarts === "undefined") return;
    root.querySelectorAll("[data-chart]").forEach(function (element) {
      var source = document.getElementById(element.dataset.chart);
      if (!source || element.dataset.drawn) return;
      var data = JSON.parse(source.textContent);
      var unit = data.unit || "";
      var chart = window.echarts.init(element);
      chart.setOption({
        aria: { enabled: true },
        tooltip: { trigger: "axis" },
        legend: { bottom: 0 },
        // The target's label sits inside the plot, above its line at the right end, so it is
        // never cut off at the edge whatever its length (目标 100% / Target 100%) or the width.
        grid: { left: 12, right: 24, top: 36, bottom: 48, containLabel: true },
        xAxis: { type: "time" },
        yAxis: { type: "value", name: unit, scale: true },
        series: [
          { name: element.dataset.trajectoryLabel || "轨迹", type: "line", data: data.trajectory,
            lineStyle: { type: "dashed" }, symbol: "none",
            markLine: { silent: true, symbol: "none", data: [{ yAxis: data.target }],
                        label: { position: "insideEndTop",
                                 formatter: (element.dataset.targetLabel || "目标") + " " +
                                            (data.target_text || data.target + unit) } } },
          { name: element.dataset.acceptedLabel || "已采纳", type: "line", data: data.accepted, symbolSize: 8 },
          { name: element.dataset.pendingLabel || "待审核/已退回", type: "scatter", data: data.pending, symbolSize: 8 }
        ]
      });
      element.dataset.drawn = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { drawCharts(document); });
  document.addEventListener("htmx:afterSwap", function (event) { drawCharts(event.target); });
  document.addEventListener("submit", function (event) {
    var message = event.target.dataset && event.target.dataset.confirm;
    if (message && !window.confirm(message)) event.preventDefault();
  });
})();
