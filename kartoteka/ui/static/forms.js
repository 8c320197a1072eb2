// Forms sent by htmx, on every page. A form (or block) marked `data-swap-errors="412 422"`:
// - gets those answers swapped in (htmx leaves error answers unswapped by default): they carry
//   the form back with its errors, or the record as it is now after a stale save;
// - says in its status line (`.form-status`, messages in its data attributes, translated by the
//   page) when the connection was lost, the page expired (403) or the server failed, keeping
//   the input; the line is cleared when the next request starts.
// Where the focus goes after a swap is the page's own script's concern (card.js, timeline.js).
(function () {
  "use strict";

  function marked(element) {
    return element && element.closest ? element.closest("[data-swap-errors]") : null;
  }

  function say(element, kind) {
    var form = marked(element);
    var status = form && form.querySelector(".form-status");
    if (status) {
      status.textContent = status.getAttribute("data-" + kind) || "";
    }
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    var form = marked(detail.elt);
    var codes = form ? form.getAttribute("data-swap-errors").split(" ") : [];
    if (codes.indexOf(String(detail.xhr.status)) >= 0) {
      detail.shouldSwap = true;
      detail.isError = false;
    }
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    say(event.detail.elt, "none");
  });

  document.addEventListener("htmx:sendError", function (event) {
    say(event.detail.elt, "lost");
  });

  document.addEventListener("htmx:responseError", function (event) {
    say(event.detail.elt, event.detail.xhr.status === 403 ? "expired" : "failed");
  });
}());
