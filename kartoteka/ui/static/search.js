// The header's search: Escape or a click elsewhere closes the results panel; the down arrow
// moves from the box into the results.
(function () {
  "use strict";

  function panel() { return document.getElementById("global-results"); }

  function close() {
    var results = panel();
    if (results) { results.innerHTML = ""; }
  }

  document.addEventListener("keydown", function (event) {
    var form = event.target.closest && event.target.closest(".global-search");
    if (!form) { return; }
    if (event.key === "Escape") {
      close();
      document.getElementById("global-q").focus();
    } else if (event.key === "ArrowDown" && event.target.id === "global-q") {
      var first = panel() && panel().querySelector("a");
      if (first) { event.preventDefault(); first.focus(); }
    }
  });

  document.addEventListener("click", function (event) {
    if (!event.target.closest(".global-search")) { close(); }
  });

  // Enter fires the box's "search" event (results as you type) and submits the form (the page
  // of results) at once: the panel's request, cut off by the navigation, would be reported as
  // failed. It is abandoned first.
  document.addEventListener("submit", function (event) {
    if (!event.target.classList.contains("global-search") || !window.htmx) { return; }
    window.htmx.trigger(document.getElementById("global-q"), "htmx:abort");
  });
})();
