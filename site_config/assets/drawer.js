// The header's menu button, which opens the navigation drawer below a desktop's width.
// Material draws it as a <label> for a hidden checkbox, which the keyboard never
// reaches: a reader without a mouse or a touch screen could not open the navigation.
// Here it is a button for the keyboard and for screen readers too. Enter or Space
// opens the drawer and moves into it; Escape closes it and goes back to the button, and
// so does leaving it with Tab.
(function () {
  "use strict";
  function start() {
    var toggle = document.getElementById("__drawer");
    var button = document.querySelector(".md-header label[for='__drawer']");
    if (!toggle || !button) {
      return;
    }
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    button.setAttribute("aria-label", "Navigation");
    button.setAttribute("aria-controls", "__drawer");
    function opened() {
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    }
    opened();
    toggle.addEventListener("change", opened);
    button.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") {
        return;
      }
      event.preventDefault();
      button.click();  // as a tap does: the checkbox changes, and Material follows it
      var first = document.querySelector(".md-sidebar--primary a.md-nav__link");
      if (toggle.checked && first) {
        first.focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) {
        button.click();
        button.focus();
      }
    });
    // Tab past the drawer's last link closes it: the page behind it is where focus went.
    var drawer = document.querySelector(".md-sidebar--primary");
    if (drawer) {
      drawer.addEventListener("focusout", function (event) {
        var next = event.relatedTarget;
        if (toggle.checked && next && !drawer.contains(next) && next !== button) {
          button.click();
        }
      });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
