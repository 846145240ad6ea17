/* 首页的图表：数据来自页面中 <script type="application/json"> 的内容，ECharts 随网站一起发布。
 * 提示框的文字先转义再交给 ECharts（它把提示框当作 HTML 显示）。 */
(function () {
  "use strict";
  if (!window.echarts) return;

  function esc(value) {
    return String(value).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function data(name) {
    var el = document.getElementById("tz-chart-" + name + "-data");
    return el ? JSON.parse(el.textContent) : null;
  }

  function tooltip(params) {
    var list = Array.isArray(params) ? params : [params];
    if (!list.length) return "";
    var lines = [esc(list[0].name)];
    list.forEach(function (p) {
      var unit = p.seriesType === "line" || (p.seriesName || "").indexOf("率") >= 0 ? "%" : "";
      var value = p.value === null || p.value === undefined ? "—" : p.value + unit;
      if (p.data && p.data.tzNote) value = p.data.tzNote;
      lines.push(p.marker + esc(p.seriesName) + "：" + esc(value));
    });
    return lines.join("<br>");
  }

  var NO_CASES = "无案件";

  var common = {
    animation: false,
    textStyle: { fontFamily: "sans-serif" },
    tooltip: { trigger: "axis", formatter: tooltip, confine: true },
    grid: { left: 48, right: 48, top: 48, bottom: 64, containLabel: false },
  };

  var builders = {
    trend: function (d) {
      return {
        legend: { data: ["排查数", "化解数", "累计化解率"], top: 0 },
        xAxis: { type: "category", data: d.labels, axisLabel: { interval: 0, rotate: 30 } },
        yAxis: [
          { type: "value", name: "件", minInterval: 1 },
          { type: "value", name: "累计化解率", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
        ],
        series: [
          { name: "排查数", type: "bar", data: d.screened },
          { name: "化解数", type: "bar", data: d.resolved },
          { name: "累计化解率", type: "line", yAxisIndex: 1, data: d.cum_rate, connectNulls: true },
        ],
      };
    },
    types: function (d) {
      return {
        legend: { data: ["已化解", "未化解"], top: 0 },
        grid: { left: 80, right: 24, top: 40, bottom: 24 },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", data: d.labels, inverse: true },
        series: [
          { name: "已化解", type: "bar", stack: "n", data: d.resolved },
          { name: "未化解", type: "bar", stack: "n", data: d.open },
        ],
      };
    },
    units: function (d) {
      // A rate is a share of 100%: the axis always ends there, so 80% never looks like a full
      // bar. A unit without cases has no rate: its row says so instead of showing nothing.
      // A roll-up names why a member has no rate (未报送) in d.notes.
      var rates = d.rate.map(function (rate, i) {
        if (rate !== null) return rate;
        var note = (d.notes && d.notes[i]) || NO_CASES;
        return { value: 0, tzNote: note, label: { formatter: note } };
      });
      return {
        grid: { left: 110, right: 56, top: 16, bottom: 24 },
        xAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
        yAxis: { type: "category", data: d.labels, inverse: true },
        series: [
          {
            name: "累计化解率",
            type: "bar",
            data: rates,
            label: { show: true, position: "right", formatter: "{c}%" },
          },
        ],
      };
    },
  };

  var charts = [];
  Array.prototype.forEach.call(document.querySelectorAll("[data-tz-chart]"), function (el) {
    var name = el.getAttribute("data-tz-chart");
    var build = builders[name];
    var d = data(name);
    if (!build || !d) return;
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    var option = build(d);
    for (var key in common) if (!(key in option)) option[key] = common[key];
    option.animation = false;
    option.tooltip = common.tooltip;
    chart.setOption(option);
    charts.push(chart);
  });
  window.addEventListener("resize", function () {
    charts.forEach(function (chart) {
      chart.resize();
    });
  });
  window.__tzCharts = charts;
})();
