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
    var query = new URLSearchParams(window.location.search);
    var asked = Array.from(new Set(query.keys())).filter(function (name) { return name !== "q"; });
    var ui = new PagefindUI({
      element: "#cc-search-results",
      baseUrl: root,
      showSubResults: false,
      showImages: false,
      pageSize: 10,
      // The filters the address names are open, to show what is ticked in them; not on
      // a phone (chronicle.css), where the filters come first: an open list of 36 months
      // would push the results off the screen.
      openFilters: window.matchMedia("(min-width: 45em)").matches ? asked : [],
      // Short enough for a phone's width; the label below says it all.
      translations: { placeholder: "Search the chronicle" }
    });
    // Pagefind's input has a title but no label; screen readers need a real name.
    var input = element.querySelector("input[type=text]");
    if (input) {
      input.setAttribute("aria-label", "Search entries, actors, places and topics");
      // The address follows the words typed and the filters ticked here, so going back to
      // this page from a result, reloading it or sharing its address gives these results.
      var pending;
      input.addEventListener("input", function () {
        clearTimeout(pending);
        pending = setTimeout(function () { remember(element, input); }, 300);
      });
      element.addEventListener("change", function (event) {
        if (event.target.matches(".pagefind-ui__filter-checkbox")) {
          remember(element, input);
        }
      });
      // Pagefind's Clear button empties the box without an input event: after it has.
      element.addEventListener("click", function (event) {
        if (event.target.closest(".pagefind-ui__search-clear")) {
          setTimeout(function () { remember(element, input); }, 0);
        }
      });
    }
    announceResults(element);
    tickedIn(query, asked).then(function (ticked) {
      // Set together, before the first search runs, so it is already the filtered one.
      // Pagefind searches only for words (it shows neither results nor filters without
      // them), so filters without words wait, ticked, for the words typed next.
      ui.triggerFilters(ticked);
      var words = query.get("q");
      applied(ticked, words);
      if (words) {
        ui.triggerSearch(words);
      } else if (words === "" && input) {
        input.focus();  // sent by the header's button without words (on a phone): type here
      }
    });
  }
  // The address: the words as q, then each ticked filter value under its filter's name,
  // in the order Pagefind lists them (?q=kyiv&actor=John+Kirby&month=2022-03). Pagefind's
  // interface can set filters (triggerFilters) but not say which are ticked (its issue
  // #588), so its checkboxes are read: each is named after its filter, valued as its value.
  function remember(element, input) {
    var query = new URLSearchParams();
    var typed = input.value.trim();
    if (typed) {
      query.set("q", typed);
    }
    var ticked = {};
    element.querySelectorAll(".pagefind-ui__filter-checkbox:checked").forEach(function (box) {
      query.append(box.name, box.value);
      (ticked[box.name] = ticked[box.name] || []).push(box.value);
    });
    var text = query.toString();
    window.history.replaceState(null, "", window.location.pathname + (text ? "?" + text : ""));
    applied(ticked, typed);
  }
  // Above the box, the filters in force, in words: on a phone their lists are closed, and
  // a link with filters but no words (?actor=John+Kirby) shows nothing until words are
  // typed (Pagefind searches for words only), which would leave a blank page unexplained.
  function applied(ticked, words) {
    var note = document.getElementById("cc-search-applied");
    if (!note) {
      return;
    }
    var parts = Object.keys(ticked).map(function (name) {
      var values = ticked[name].map(function (value) { return nameOf(name, value); });
      return name.charAt(0).toUpperCase() + name.slice(1) + ": " + values.join(" and ");
    });
    var text = parts.length ? "Filtered by " + parts.join("; ") + "." : "";
    note.textContent = text && !words ? text + " Type a word to search within these filters." : text;
    note.hidden = !parts.length;
  }
  // The filters an address asks for, as triggerFilters takes them ({actor: ["John Kirby"]}),
  // keeping only the filters and values the index holds: an actor renamed since the link
  // was shared, or another site's parameter (utm_source), would otherwise filter out every
  // result with no box ticked to say why. Asking the index loads nothing a search would
  // not: pagefind.js is the module Pagefind's interface imports, one instance shared with
  // it, which takes the interface's options (baseUrl) when it sets them after this.
  function tickedIn(query, asked) {
    if (!asked.length) {
      return Promise.resolve({});
    }
    var has = Object.prototype.hasOwnProperty;
    return import(root + "pagefind/pagefind.js")
      .then(function (pagefind) { return pagefind.filters(); })
      .then(function (index) {
        var ticked = {};
        Object.keys(index).forEach(function (name) {
          var values = query.getAll(name).filter(function (value) {
            return has.call(index[name], value);
          });
          if (values.length) {
            ticked[name] = values;
          }
        });
        return ticked;
      })
      .catch(function (error) {
        console.warn("Search: the filters in the address were not applied:", error);
        return {};
      });
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
        var text = box.labels.length ? box.labels[0].firstChild : null;
        if (text && text.nodeType === Node.TEXT_NODE && text.data === box.value) {
          text.data = nameOf("month", box.value);
        }
      });
    }).observe(element, { childList: true, subtree: true });
  }
  // A filter value as readers see it: a month by its name, anything else as it is.
  function nameOf(filter, value) {
    var month = filter === "month" ? /^(\d{4})-(\d{2})$/.exec(value) : null;
    return month ? monthLabel.format(Date.UTC(Number(month[1]), Number(month[2]) - 1)) : value;
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
