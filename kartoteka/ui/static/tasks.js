// Tasks on every page: in-app reminders of tasks that fall due, and the badge beside "Tasks".
// - Every `data-poll-seconds` (60 by default) the page asks `data-url` (/tasks/reminders) for
//   the badge's figure and the tasks that fell due; the ones not dismissed in this browser show
//   in the #reminders region (role="log", announced assertively; not role="alert", which
//   would stand beside every form's error summary), each with a link to the task and a Dismiss button.
//   Dismissals are remembered in localStorage per task and due time: a rescheduled task reminds
//   again. The page asks again at once when its tab becomes visible.
// - After /tasks swaps its groups (a task completed), the focus goes to the message saying so.
// Everything shown is set as text: nothing from the server is read as HTML.
(function () {
  "use strict";

  var MAX_SHOWN = 3;

  var STORE = "kartoteka.dismissedReminders";
  var KEEP = 500;
  var region = null;
  var timer = null;

  function dismissed() {
    try {
      var kept = JSON.parse(window.localStorage.getItem(STORE) || "[]");
      return Array.isArray(kept) ? kept : [];
    } catch (error) {
      return [];
    }
  }

  function dismiss(key) {
    var kept = dismissed().filter(function (k) { return k !== key; });
    kept.push(key);
    try {
      window.localStorage.setItem(STORE, JSON.stringify(kept.slice(-KEEP)));
    } catch (error) {
      // Storage refused (private mode, full): the reminder goes for this page only.
    }
  }

  function setBadge(count) {
    var badge = document.querySelector("#tasks-link .task-badge");
    var figure = badge && badge.querySelector(".task-badge-count");
    if (!figure) {
      return;
    }
    figure.textContent = String(count);
    badge.hidden = count === 0;
  }

  function reminderOf(item) {
    var box = document.createElement("div");
    box.className = "reminder";
    box.setAttribute("data-key", item.key);
    var text = document.createElement("p");
    var heading = document.createElement("strong");
    heading.textContent = region.getAttribute("data-heading") + ": ";
    var link = document.createElement("a");
    link.href = item.url;
    link.textContent = item.title;
    var due = document.createElement("span");
    due.className = "reminder-due";
    due.textContent = " " + item.due;
    text.append(heading, link, due);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.textContent = region.getAttribute("data-dismiss");
    button.setAttribute("aria-label",
      (region.getAttribute("data-dismiss-named") || "").replace("{title}", item.title));
    button.addEventListener("click", function () {
      dismiss(item.key);
      box.remove();
      poll();  // the next waiting one takes its place
    });
    box.append(text, button);
    return box;
  }

  function summary(count) {
    var more = region.querySelector(".reminders-more");
    if (count <= 0) {
      if (more) { more.remove(); }
      return;
    }
    if (!more) {
      more = document.createElement("p");
      more.className = "reminders-more";
      var link = document.createElement("a");
      link.href = region.getAttribute("data-more-url");
      more.append(link);
    }
    more.firstChild.textContent =
      (region.getAttribute("data-more") || "").replace("{count}", String(count));
    region.append(more);  // always last
  }

  function show(items) {
    var gone = dismissed();
    var waiting = items.filter(function (item) { return gone.indexOf(item.key) < 0; });
    // A few at a time, the rest counted: a stack of reminders would hide the page.
    var wanted = waiting.slice(0, MAX_SHOWN);
    summary(waiting.length - wanted.length);
    var keys = wanted.map(function (item) { return item.key; });
    Array.prototype.forEach.call(region.querySelectorAll(".reminder"), function (box) {
      if (keys.indexOf(box.getAttribute("data-key")) < 0) {
        box.remove();  // completed or dismissed elsewhere
      }
    });
    wanted.forEach(function (item) {
      var shown = Array.prototype.some.call(region.querySelectorAll(".reminder"), function (box) {
        return box.getAttribute("data-key") === item.key;
      });
      if (!shown) {
        region.insertBefore(reminderOf(item), region.querySelector(".reminders-more"));
      }
    });
  }

  function poll() {
    window.fetch(region.getAttribute("data-url"), {
      credentials: "same-origin", headers: {"Accept": "application/json"}, redirect: "manual",
    }).then(function (response) {
      var type = response.headers.get("content-type") || "";
      // Signed out meanwhile (a redirect to the login page): nothing to remind of here.
      return response.ok && type.indexOf("application/json") === 0 ? response.json() : null;
    }).then(function (answer) {
      if (answer) {
        setBadge(answer.count);
        show(answer.reminders || []);
      }
    }).catch(function () {
      // Offline for a moment: the next poll tries again.
    });
  }

  function schedule() {
    var seconds = parseFloat(region.getAttribute("data-poll-seconds")) || 60;
    window.clearInterval(timer);
    timer = window.setInterval(poll, Math.max(seconds, 0.5) * 1000);
  }

  function start() {
    region = document.getElementById("reminders");
    if (!region) {
      return;
    }
    poll();
    schedule();
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") {
        poll();
      }
    });
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target && target.id === "tasks" || event.detail.elt && event.detail.elt.id === "tasks") {
      var said = document.querySelector("#tasks .tasks-problem, #tasks .tasks-message");
      if (said) {
        said.focus();
      }
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
