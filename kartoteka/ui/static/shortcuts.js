// Keyboard shortcuts, on every signed-in page; `?` lists them in a dialog.
// An element names its own key: `data-shortcut="n"` (a list's New link), "e" (a card's Edit),
// "/" (a list's search), "mod+k" (the header's search everything: Ctrl+K, Cmd+K on a Mac).
// A link or a button is clicked (so htmx does what a click does), an input is focused. Keys are
// left alone while someone types in an input, a text area, a select or an editable element,
// and single keys are left alone with Ctrl, Alt or Cmd held (those belong to the browser).
(function () {
  "use strict";

  function typing(target) {
    if (!target || !target.closest) {
      return false;
    }
    return Boolean(target.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])"));
  }

  function visible(element) {
    return element && element.getClientRects().length > 0;
  }

  function find(key) {
    var found = document.querySelectorAll('[data-shortcut="' + key + '"]');
    for (var i = 0; i < found.length; i++) {
      if (visible(found[i])) {
        return found[i];
      }
    }
    return null;
  }

  function use(element) {
    if (element.matches("input, textarea, select")) {
      element.focus();
      if (element.select) {
        element.select();
      }
    } else {
      element.click();
    }
  }

  function openDialog() {
    var dialog = document.getElementById("shortcuts");
    if (dialog && !dialog.open) {
      dialog.showModal();  // modal: focus moves in, Tab stays in, Esc closes
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.isComposing) {
      return;
    }
    var key = event.key;
    var dialog = document.getElementById("shortcuts");
    if ((event.ctrlKey || event.metaKey) && !event.altKey && (key === "k" || key === "K")) {
      var everything = find("mod+k");
      if (everything) {
        event.preventDefault();
        if (dialog && dialog.open) {
          dialog.close();
        }
        use(everything);
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
      return;
    }
    if (dialog && dialog.open) {
      return;  // the dialog has its own keys: Tab, Enter on Close, Esc
    }
    if (key === "?") {
      event.preventDefault();
      openDialog();
      return;
    }
    var element = (key === "n" || key === "e" || key === "/") ? find(key) : null;
    if (element) {
      event.preventDefault();  // "/" would otherwise open the browser's quick find
      use(element);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var dialog = document.getElementById("shortcuts");
    var opener = document.getElementById("shortcuts-open");
    if (!dialog || !opener) {
      return;
    }
    var before = null;
    opener.hidden = false;  // without JavaScript there are no shortcuts to list
    opener.addEventListener("click", openDialog);
    dialog.addEventListener("close", function () {
      if (before && document.contains(before)) {
        before.focus();  // back where the person was
      }
      before = null;
    });
    // Remember where the focus was whichever way the dialog opens.
    document.addEventListener("focusin", function (event) {
      if (!dialog.open) {
        before = event.target;
      }
    });
  });
}());
