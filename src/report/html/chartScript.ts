/**
 * The page's own script: reads the chart specs (chartSpecs.ts) from the JSON data element and
 * draws each with Chart.js, which an earlier inline script defined as `window.Chart`. Plain ES2020
 * so any current browser runs it as written. Kept small: the decisions (series, colours, scales)
 * are made in TypeScript; this only maps them onto Chart.js options.
 *
 * For tests and scripts it leaves `window.nicvirtReport = { charts: [{ id, expected, drawn }] }`
 * and `<body data-charts="ready">` (or `"failed"`, with the error in a console.error).
 */
export const CHART_SCRIPT = String.raw`(function () {
  'use strict';
  var state = { charts: [] };
  window.nicvirtReport = state;
  function fail(message) {
    document.body.setAttribute('data-charts', 'failed');
    console.error('nicvirt report: ' + message);
  }
  if (typeof window.Chart !== 'function') {
    fail('the chart library did not load');
    return;
  }
  var Chart = window.Chart;
  var data = JSON.parse(document.getElementById('nicvirt-report-data').textContent);

  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#222222';
  Chart.defaults.borderColor = '#d9d9d9';

  function formatNumber(value) {
    if (typeof value !== 'number' || !isFinite(value)) return '';
    var abs = Math.abs(value);
    if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
    if (abs === 0) return '0';
    return String(Number(value.toPrecision(3)));
  }
  // Logarithmic axes: label 1, 2 and 5 of each decade only.
  function formatLogTick(value) {
    if (!(value > 0)) return '';
    var mantissa = value / Math.pow(10, Math.floor(Math.log10(value) + 1e-9));
    var rounded = Math.round(mantissa * 1000) / 1000;
    return rounded === 1 || rounded === 2 || rounded === 5 ? formatNumber(value) : '';
  }
  function hatch(color) {
    var tile = document.createElement('canvas');
    tile.width = 8;
    tile.height = 8;
    var context = tile.getContext('2d');
    context.fillStyle = color;
    context.fillRect(0, 0, 8, 8);
    context.strokeStyle = 'rgba(255,255,255,0.85)';
    context.lineWidth = 2;
    context.beginPath();
    context.moveTo(-2, 10);
    context.lineTo(10, -2);
    context.moveTo(-2, 2);
    context.lineTo(2, -2);
    context.moveTo(6, 10);
    context.lineTo(10, 6);
    context.stroke();
    return context.createPattern(tile, 'repeat');
  }

  function axisOptions(axis, stacked) {
    var options = {
      type: axis.scale,
      title: { display: true, text: axis.title, font: { weight: 'bold' } },
      stacked: stacked,
      grid: { color: '#e6e6e6' },
      ticks: {},
    };
    if (axis.scale === 'category') {
      options.labels = axis.categories;
      options.ticks.autoSkip = false;
      options.ticks.maxRotation = 50;
      return options;
    }
    if (axis.beginAtZero) options.beginAtZero = true;
    options.ticks.callback = axis.scale === 'logarithmic' ? formatLogTick : formatNumber;
    if (axis.scale === 'logarithmic' && !(axis.ticks && axis.ticks.length > 0)) {
      // Ticks at 1, 2 and 5 of every decade in range (Chart.js's own skip some of them).
      options.afterBuildTicks = function (scale) {
        var ticks = [];
        var start = Math.floor(Math.log10(scale.min));
        var end = Math.ceil(Math.log10(scale.max));
        for (var decade = start; decade <= end; decade++) {
          [1, 2, 5].forEach(function (step) {
            var value = step * Math.pow(10, decade);
            if (value >= scale.min * 0.999 && value <= scale.max * 1.001) ticks.push({ value: value });
          });
        }
        if (ticks.length >= 2) scale.ticks = ticks;
      };
    }
    if (axis.ticks && axis.ticks.length > 0) {
      var values = axis.ticks.slice();
      var first = values[0];
      var last = values[values.length - 1];
      if (axis.scale === 'logarithmic') {
        options.min = first / 1.15;
        options.max = last * 1.15;
      } else {
        var pad = last > first ? (last - first) * 0.04 : 1;
        options.min = first - pad;
        options.max = last + pad;
      }
      options.ticks.callback = formatNumber;
      options.ticks.autoSkip = true;
      options.afterBuildTicks = function (scale) {
        scale.ticks = values.map(function (value) {
          return { value: value };
        });
      };
    }
    return options;
  }

  function dataset(spec, chart) {
    if (spec.kind === 'bar') {
      return {
        label: spec.label,
        data: spec.points.map(function (point) {
          return point.y;
        }),
        backgroundColor: spec.hatched ? hatch(spec.color) : spec.color,
        borderColor: '#ffffff',
        borderWidth: 1,
        stack: 'stack',
      };
    }
    var points = spec.points.map(function (point) {
      return { x: point.x, y: point.y };
    });
    if (spec.kind === 'knee') {
      return {
        label: spec.label,
        data: points,
        showLine: false,
        pointStyle: 'circle',
        pointRadius: 10,
        pointHoverRadius: 12,
        pointBorderWidth: 3,
        borderColor: spec.color,
        backgroundColor: 'rgba(0,0,0,0)',
        order: -1,
      };
    }
    var many = chart.x.scale !== 'category' && spec.points.length > 24;
    return {
      label: spec.label,
      data: points,
      borderColor: spec.color,
      backgroundColor: spec.color,
      // Hollow markers: where curves coincide, every mode's marker still shows.
      pointBackgroundColor: 'rgba(255,255,255,0.5)',
      borderDash: spec.dash,
      borderWidth: 2,
      pointStyle: spec.marker,
      pointRadius: many ? 3 : 5,
      pointHoverRadius: 7,
      pointBorderWidth: 2,
      tension: 0,
      spanGaps: false,
      fill: false,
    };
  }

  function draw(spec) {
    var canvas = document.getElementById('chart-' + spec.id);
    var config = {
      type: spec.type,
      data: {
        labels: spec.x.scale === 'category' ? spec.x.categories : undefined,
        datasets: spec.datasets.map(function (set) {
          return dataset(set, spec);
        }),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        devicePixelRatio: Math.max(window.devicePixelRatio || 1, 2),
        interaction: spec.type === 'bar' ? { mode: 'index', intersect: false } : { mode: 'nearest', intersect: false },
        plugins: {
          legend: {
            position: 'bottom',
            // Dataset order, not drawing order: modes first, the knee rings last.
            labels: {
              sort: function (a, b) {
                return a.datasetIndex - b.datasetIndex;
              },
              usePointStyle: spec.type !== 'bar',
              boxWidth: 14,
              boxHeight: spec.type === 'bar' ? 12 : 9,
              padding: 10,
            },
          },
          tooltip: {
            callbacks: {
              label: function (item) {
                return item.dataset.label + ': ' + formatNumber(item.parsed.y);
              },
            },
          },
        },
        scales: { x: axisOptions(spec.x, spec.stacked), y: axisOptions(spec.y, spec.stacked) },
      },
    };
    var chart = new Chart(canvas, config);
    state.charts.push({ id: spec.id, expected: spec.datasets.length, drawn: chart.data.datasets.length });
  }

  try {
    data.charts.forEach(draw);
    document.body.setAttribute('data-charts', 'ready');
  } catch (error) {
    fail(error && error.stack ? error.stack : String(error));
  }

  // Print: redraw each chart at a size with the print box's shape (about 2.3 : 1, see the print
  // stylesheet, which scales the canvas into its box), then back to the window's size. Browsers lay
  // out the print page after beforeprint, so the box cannot be measured here.
  function resizeAll(width, height) {
    Object.keys(Chart.instances).forEach(function (key) {
      Chart.instances[key].resize(width, height);
    });
  }
  window.addEventListener('beforeprint', function () {
    resizeAll(640, 280);
  });
  window.addEventListener('afterprint', function () {
    resizeAll();
  });
})();
`;
