// The search page: Pagefind's interface, started with the words typed in the header box.
// Pagefind's result URLs start at the site root; the root is found from this script's own
// address, so the site works from any folder (for example a project page on GitHub Pages).
(function () {
  "use strict";
  var root = new URL("../", document.currentScript.src).pathname;
  function start() {
    var element = document.getElementById("cc-search-results");
    if (typeof PagefindUI === "undefined") {
      // The live preview (chronicle serve) has no index: only `chronicle build` makes one.
      element.textContent = "The search index is built by `chronicle build`; this preview has none.";
      return;
    }
    nameMonths(element);
    var ui = new PagefindUI({
      element: "#cc-search-results",
      baseUrl: root,
      showSubResults: false,
      showImages: false,
      pageSize: 10,
      // Short enough for a phone's width; the label below says it all.
      translations: { placeholder: "Search the chronicle" }
    });
    // Pagefind's input has a title but no label; screen readers need a real name.
    var input = element.querySelector("input[type=text]");
    if (input) {
      input.setAttribute("aria-label", "Search entries, actors, places and topics");
    }
    if (input) {
      // The address follows the words typed here, so going back to this page from a
      // result, reloading it or sharing its address gives these results, not the first.
      var pending;
      input.addEventListener("input", function () {
        clearTimeout(pending);
        pending = setTimeout(function () {
          var typed = input.value.trim();
          var address = window.location.pathname + (typed ? "?q=" + encodeURIComponent(typed) : "");
          window.history.replaceState(null, "", address);
        }, 300);
      });
    }
    announceResults(element);
    var words = new URLSearchParams(window.location.search).get("q");
    if (words) {
      ui.triggerSearch(words);
    } else if (words === "" && input) {
      input.focus();  // sent by the header's button without words (on a phone): type here
    }
  }
  // The Month filter's values are "2022-03" in the index, so that Pagefind, which lists a
  // filter's values in the order of their text, lists the months in the calendar's order,
  // oldest first, as it does the years. Readers see "March 2022": only the label's text
  // changes, set as text (never as HTML), and the value and its checkbox stay Pagefind's.
  // Pagefind writes a row's value back into its label whenever it redraws the row, so
  // every change to the list is looked at again.
  var monthLabel = new Intl.DateTimeFormat("en", {
    month: "long", year: "numeric", timeZone: "UTC"
  });
  function nameMonths(element) {
    new MutationObserver(function () {
      element.querySelectorAll("input[name=month]").forEach(function (box) {
        var month = /^(\d{4})-(\d{2})$/.exec(box.value);
        var text = box.labels.length ? box.labels[0].firstChild : null;
        if (month && text && text.nodeType === Node.TEXT_NODE && text.data === box.value) {
          text.data = monthLabel.format(Date.UTC(Number(month[1]), Number(month[2]) - 1));
        }
      });
    }).observe(element, { childList: true, subtree: true });
  }
  // Pagefind rewrites its "13 results for kyiv" line in place, unannounced: a status
  // region repeats it, so a screen reader hears what typing or a filter changed.
  function announceResults(element) {
    var status = document.createElement("p");
    status.className = "cc-visually-hidden";
    status.setAttribute("role", "status");
    element.parentNode.insertBefore(status, element.nextSibling);
    var pending;
    new MutationObserver(function () {
      clearTimeout(pending);
      pending = setTimeout(function () {
        var message = element.querySelector(".pagefind-ui__message");
        var text = message ? message.textContent.trim() : "";
        if (text && status.textContent !== text) {
          status.textContent = text;
        }
      }, 400);
    }).observe(element, { childList: true, subtree: true, characterData: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
