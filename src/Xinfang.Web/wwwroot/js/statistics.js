// Draws the /statistics charts with Apache ECharts from each element's data-chart attribute (JSON written by
// Reports/Charts.cs). No inline script and no eval, so the page keeps the site's Content-Security-Policy
// (script-src 'self'); the tables under the charts carry every figure for readers without JavaScript.
(function () {
  'use strict';
  if (typeof echarts === 'undefined') {
    return;
  }

  var palette = ['#1f5fa8', '#d9822b', '#2e8b57', '#a83232', '#6b4fa8', '#4a90a4', '#8a6d3b', '#777777'];

  function axisOption(spec) {
    var valueAxes = spec.axes.map(function (unit, n) {
      return { type: 'value', name: unit, position: n === 0 ? 'left' : 'right', max: unit === '%' ? 100 : null, splitLine: { show: n === 0 } };
    });
    var categoryAxis = { type: 'category', data: spec.categories, axisLabel: { interval: 0, rotate: spec.horizontal ? 0 : (spec.categories.length > 6 ? 30 : 0) } };
    return {
      color: palette,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 12, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: spec.horizontal ? valueAxes[0] : categoryAxis,
      yAxis: spec.horizontal ? Object.assign({}, categoryAxis, { inverse: true }) : valueAxes,
      series: spec.series.map(function (s) {
        return { name: s.name, type: s.kind, yAxisIndex: spec.horizontal ? 0 : s.axis, data: s.data, connectNulls: false };
      })
    };
  }

  function pieOption(spec) {
    var s = spec.series[0];
    return {
      color: palette,
      tooltip: { trigger: 'item', formatter: '{b}：{c}件（{d}%）' },
      legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle' },
      series: [{
        name: s.name, type: 'pie', radius: ['35%', '65%'], center: ['35%', '50%'],
        data: spec.categories.map(function (c, n) { return { name: c, value: s.data[n] }; })
      }]
    };
  }

  var charts = [];
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var spec;
    try {
      spec = JSON.parse(el.getAttribute('data-chart'));
    } catch (e) {
      return;
    }
    if (!spec.categories || spec.categories.length === 0) {
      el.classList.add('chart-empty');
      return;
    }
    el.hidden = false; // hidden without JavaScript: no empty box where a chart would be
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption(spec.type === 'pie' ? pieOption(spec) : axisOption(spec));
    el.classList.add('chart-drawn');
    charts.push(chart);
  });
  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.resize(); });
  });
})();
