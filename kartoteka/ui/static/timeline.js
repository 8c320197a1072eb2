// The timeline's forms, enhanced: htmx does the requests; this file only
// - lets htmx swap in the answers that carry a form back with its errors (422) or a task that
//   changed since the page was loaded (412), which htmx leaves unswapped by default;
// - says in the log form when the connection was lost or the server failed, keeping the input;
// - puts the focus back in the log form after a swap (on the field to fix, else the text).
(function () {
  "use strict";

  var SWAPPED_ERRORS = [412, 422];

  function timelineForm(element) {
    return element && element.closest ? element.closest(".timeline-log, .timeline-task") : null;
  }

  function say(element, kind) {
    var form = element && element.closest ? element.closest(".timeline-log") : null;
    var status = form && form.querySelector(".form-status");
    if (status) {
      status.textContent = status.getAttribute("data-" + kind) || "";
    }
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (SWAPPED_ERRORS.indexOf(detail.xhr.status) >= 0 && timelineForm(detail.elt)) {
      detail.shouldSwap = true;
      detail.isError = false;
    }
  });

  document.addEventListener("htmx:sendError", function (event) {
    say(event.detail.elt, "lost");
  });

  document.addEventListener("htmx:responseError", function (event) {
    say(event.detail.elt, event.detail.xhr.status === 403 ? "expired" : "failed");
  });

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
