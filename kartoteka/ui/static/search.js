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
})();
