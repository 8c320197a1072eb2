// The record card's form, enhanced: htmx does the requests, forms.js swaps in the answers that
// carry the form back (422, 409, 412) and says when the connection was lost; this file only
// - moves the focus where the user has to look after a swap, unless they already chose a field;
// - opens the form when a field of the card is clicked, with that field focused;
// - keeps Enter in a picker's search box from saving the form (the search runs as you type).
(function () {
  "use strict";

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
