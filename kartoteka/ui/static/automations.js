// The rule form of /automations: show only the inputs the chosen event uses, and only the
// chosen entity's fields. Without JavaScript every input shows (each says when it applies) and
// the server ignores those the event does not use.
(function () {
  "use strict";

  function showEventInputs(form) {
    var event = form.querySelector("#event").value;
    form.querySelectorAll("[data-events]").forEach(function (row) {
      var used = row.getAttribute("data-events").split(" ").indexOf(event) >= 0;
      row.hidden = !used;
    });
  }

  function showEntityFields(form) {
    var entity = form.querySelector("#entity").value;
    var select = form.querySelector("#field");
    select.querySelectorAll("optgroup").forEach(function (group) {
      var mine = group.getAttribute("data-entity") === entity;
      group.hidden = !mine;
      group.disabled = !mine;
    });
    var chosen = select.options[select.selectedIndex];
    if (chosen && chosen.parentElement.disabled) {
      select.value = "";
    }
  }

  function enhance(form) {
    var event = form.querySelector("#event");
    var entity = form.querySelector("#entity");
    if (!event || !entity || !form.querySelector("#field")) {
      return;
    }
    event.addEventListener("change", function () { showEventInputs(form); });
    entity.addEventListener("change", function () { showEntityFields(form); });
    showEventInputs(form);
    showEntityFields(form);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.rule-form").forEach(enhance);
  });
})();
