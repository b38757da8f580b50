// A chart too wide for a phone scrolls sideways, and opens at its latest bars
// (chronicle.css), which may have no entries: a year's last months, a quiet last month
// of an actor's.
// Here each chart that scrolls opens with its latest bar that has entries at the right
// edge, so a reader first sees bars, and swipes back for earlier ones.
(function () {
  "use strict";
  function start() {
    document.querySelectorAll(".cc-chart--wide .cc-chart-bars").forEach(function (bars) {
      var busy = bars.querySelectorAll("a");
      if (!busy.length || bars.scrollWidth <= bars.clientWidth) {
        return;
      }
      var last = busy[busy.length - 1].getBoundingClientRect();
      var view = bars.getBoundingClientRect();
      // Positive scrolls towards later bars, in either direction of the box (rtl or ltr).
      var by = Math.round(last.right + last.width - view.right);
      var before = bars.scrollLeft;
      if (by < 0) {
        bars.scrollLeft += by;
      }
      if (bars.scrollLeft !== before) {
        // Later (empty) periods are out of view now too: the caption says so.
        bars.closest(".cc-chart").classList.add("cc-chart--moved");
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
