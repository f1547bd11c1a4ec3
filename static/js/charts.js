/* The dashboard's charts (Chart.js, vendored). Each <canvas data-chart="NAME"> draws the JSON in
   <script id="chart-NAME">: {labels, datasets: [{label, data}], urls, unit}. A click on a bar
   opens the list behind it. Numbers are written the Vietnamese way (32.200,5). The same numbers
   are in the table under each chart, for screen readers and printing. */
(function () {
  "use strict";
  if (!window.Chart) { return; }
  var COLOURS = ["#9aa9bb", "#0b4f8a", "#2e8b57", "#c77700", "#8a3b9e", "#a50e0e"];
  var STATUS = { on_track: "#2e8b57", at_risk: "#c77700", off_track: "#a50e0e", unknown: "#9aa9bb" };
  var number = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.locale = "vi-VN";
  Chart.defaults.animation = false;

  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById("chart-" + canvas.dataset.chart);
    if (!source) { return; }
    var spec = JSON.parse(source.textContent);
    var horizontal = canvas.dataset.axis === "y";
    var datasets = spec.datasets.map(function (set, i) {
      var colour = set.status ? set.status.map(function (s) { return STATUS[s]; }) : COLOURS[i % COLOURS.length];
      return { label: set.label, data: set.data, backgroundColor: colour, borderWidth: 0 };
    });
    new Chart(canvas, {
      type: "bar",
      data: { labels: spec.labels, datasets: datasets },
      options: {
        indexAxis: horizontal ? "y" : "x",
        maintainAspectRatio: false,
        plugins: {
          legend: { display: datasets.length > 1, position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (ctx) {
                var value = horizontal ? ctx.parsed.x : ctx.parsed.y;
                return ctx.dataset.label + ": " + number.format(value) + (spec.unit ? " " + spec.unit : "");
              }
            }
          }
        },
        scales: {
          x: { ticks: { autoSkip: !horizontal } },
          y: { ticks: { autoSkip: horizontal ? false : true } }
        },
        onHover: function (event, elements) {
          event.native.target.style.cursor = elements.length && spec.urls ? "pointer" : "default";
        },
        onClick: function (event, elements) {
          if (!elements.length || !spec.urls) { return; }
          var url = spec.urls[elements[0].index];
          if (url) { window.location.href = url; }
        }
      }
    });
  });
})();
