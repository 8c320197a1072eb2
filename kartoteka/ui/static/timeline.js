// The timeline's forms, enhanced: htmx does the requests, forms.js swaps in the answers that
// carry a form back with its errors (422) or a task that changed meanwhile (412) and says when
// the connection was lost; this file only puts the focus back in the log form after a swap (on
// the field to fix, else the text).
(function () {
  "use strict";

  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (!target || !target.classList || !target.classList.contains("timeline-log")) {
      return;
    }
    var form = document.querySelector(".timeline-log");
    var focus = form && (form.querySelector("[aria-invalid=true]") || form.querySelector("textarea"));
    if (focus) {
      focus.focus();
    }
  });
})();
