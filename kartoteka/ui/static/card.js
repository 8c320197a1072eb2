// The record card's form, enhanced: htmx does the requests; this file only
// - lets htmx swap in the answers that carry the form back with its errors (422) or with a
//   stale save (412), which htmx leaves unswapped by default;
// - says in the form when the connection was lost or the server failed, keeping the input;
// - moves the focus where the user has to look after a swap, unless they already chose a field;
// - opens the form when a field of the card is clicked, with that field focused;
// - keeps Enter in a picker's search box from saving the form (the search runs as you type).
(function () {
  "use strict";

  var SWAPPED_ERRORS = [409, 412, 422];

  function formOf(element) {
    return element && element.closest ? element.closest(".record-form") : null;
  }

  // The messages are the page's (translated there), in data attributes of the status line.
  function say(form, kind) {
    var status = form && form.querySelector(".form-status");
    if (status) {
      status.textContent = status.getAttribute("data-" + kind) || "";
    }
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (SWAPPED_ERRORS.indexOf(detail.xhr.status) >= 0 && formOf(detail.elt)) {
      detail.shouldSwap = true;
      detail.isError = false;
    }
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    say(formOf(event.detail.elt), "none");
  });

  document.addEventListener("htmx:sendError", function (event) {
    say(formOf(event.detail.elt), "lost");
  });

  document.addEventListener("htmx:responseError", function (event) {
    say(formOf(event.detail.elt), event.detail.xhr.status === 403 ? "expired" : "failed");
  });

  var wanted = null;  // the field to focus once the form is in

  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.elt;
    var swapped = target && target.id === "details" ? target : document.getElementById("details");
    if (!swapped || !event.detail.target || event.detail.target.id !== "details") {
      return;
    }
    var focus = swapped.querySelector("#form-conflict, #form-errors") ||
      (wanted && swapped.querySelector("#f-" + wanted)) ||
      swapped.querySelector(".form-field input:not([type=hidden]), .form-field select, " +
        ".form-field textarea") ||
      swapped.querySelector(".saved") && swapped.querySelector("h2");
    wanted = null;
    var active = document.activeElement;
    if (active && active !== swapped && swapped.contains(active) && active.matches("input, select, textarea")) {
      return;  // the user is already typing in the new form: never pull the caret away
    }
    if (focus) {
      if (!focus.hasAttribute("tabindex") && !/^(INPUT|SELECT|TEXTAREA|A|BUTTON)$/.test(focus.tagName)) {
        focus.setAttribute("tabindex", "-1");
      }
      focus.focus();
    }
  });

  document.addEventListener("click", function (event) {
    var row = event.target.closest && event.target.closest("#details[data-edit-url] dl > div");
    if (!row || event.target.closest("a, button") || String(window.getSelection())) {
      return;
    }
    var details = row.closest("#details");
    wanted = row.getAttribute("data-field");
    window.htmx.ajax("GET", details.getAttribute("data-edit-url"),
      {target: "#details", swap: "outerHTML"});
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.closest &&
        event.target.closest(".picker-search input")) {
      event.preventDefault();
    }
  });
}());
