// The list page's small enhancements; everything works without them (see list.html).
// - marks the page as scripted (CSS hides the buttons only needed without JavaScript);
// - "Select all shown" ticks every row's box, rows loaded later included;
// - after the filter builder adds or removes a condition in place, focus goes where the user
//   is working (the new condition's field, or the "Add a condition" button);
// - what was typed into the builder while its new form was on the way is kept.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || box.id !== "select-all") return;
    var records = document.getElementById("records");
    if (!records) return;
    records.querySelectorAll('input[name="record"]').forEach(function (row) {
      row.checked = box.checked;
    });
  });

  var lastAction = null;
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("button") : null;
    if (button && button.closest("#filter-builder")) {
      lastAction = { name: button.name, value: button.value };
    }
  });

  // Values typed while the builder's request was on the way: the swap would drop them.
  function values(form) {
    var found = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && field.type !== "submit" && field.type !== "hidden") {
        found[field.name] = { value: field.value, type: field.type };
      }
    });
    return found;
  }
  var sent = null;
  var typed = {};
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.target.closest && event.target.closest("#filter-builder");
    if (form) sent = values(form);
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    var form = document.getElementById("filter-builder");
    typed = {};
    if (!form || !sent || event.detail.target !== form) return;
    var now = values(form);
    Object.keys(now).forEach(function (name) {
      if (sent[name] && sent[name].value !== now[name].value) typed[name] = now[name];
    });
    sent = null;
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var builder = document.getElementById("filter-builder");
    if (!builder || event.target !== builder) return;
    Object.keys(typed).forEach(function (name) {
      var field = builder.elements.namedItem(name);
      if (field && field.type === typed[name].type) field.value = typed[name].value;
    });
    typed = {};
    if (!lastAction) return;
    var action = lastAction;
    lastAction = null;
    if (action.name === "add") {
      var fields = builder.querySelectorAll('select[name$=".field"]');
      var scope = builder;
      if (action.value.charAt(0) === "g") {
        var groups = builder.querySelectorAll(".filter-group");
        scope = groups[Number(action.value.slice(1)) - 1] || builder;
        fields = scope.querySelectorAll('select[name$=".field"]');
      } else if (action.value === "group") {
        var all = builder.querySelectorAll(".filter-group");
        scope = all[all.length - 1] || builder;
        fields = scope.querySelectorAll('select[name$=".field"]');
      } else {
        fields = builder.querySelectorAll(':scope > .conditions select[name$=".field"]');
      }
      if (fields.length) fields[fields.length - 1].focus();
    } else if (action.name === "drop") {
      var add = builder.querySelector('button[name="add"][value="row"]');
      if (add) add.focus();
    }
  });
})();
