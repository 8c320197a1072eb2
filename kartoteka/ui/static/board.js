// The kanban board: drag a card to another stage, or move it with its "Move to" form, without
// leaving the page. Both send the card's own move form (its record id, the version the board
// showed, the CSRF token) to the server, which saves it as the record card does and answers
// _board_update.html: a message, the card as it is now and every column's totals. A stale card
// comes back as it is now, in its current column, with the server's message. Without this
// script the form is a plain POST that reloads the board.
(function () {
  "use strict";

  var board = document.querySelector(".board[data-move-url]");
  if (!board) {
    return;
  }
  var message = document.getElementById("board-message");
  var dragged = null;

  function say(text, problem) {
    message.textContent = text;
    message.classList.toggle("problem", Boolean(problem));
    message.hidden = false;
  }

  function columnOf(stage) {
    var columns = board.querySelectorAll(".column[data-target]");
    for (var i = 0; i < columns.length; i += 1) {
      if (columns[i].dataset.stage === stage) {
        return columns[i];
      }
    }
    return null;
  }

  function placeAtTop(card, column) {
    var list = column.querySelector(".cards");
    list.insertBefore(card, list.firstElementChild);
  }

  // ------------------------------------------------------------ dragging

  board.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".board-card");
    if (!card) {
      return;
    }
    dragged = card;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.id);
    card.classList.add("dragging");
  });

  board.addEventListener("dragend", function () {
    if (dragged) {
      dragged.classList.remove("dragging");
    }
    dragged = null;
    clearDropMarks();
  });

  function dropTarget(event) {
    var column = event.target.closest && event.target.closest(".column[data-target]");
    if (!dragged || !column || column.dataset.stage === dragged.dataset.stage) {
      return null;
    }
    return column;
  }

  function clearDropMarks() {
    board.querySelectorAll(".drop-here").forEach(function (column) {
      column.classList.remove("drop-here");
    });
  }

  board.addEventListener("dragover", function (event) {
    var column = dropTarget(event);
    if (!column) {
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    if (!column.classList.contains("drop-here")) {
      clearDropMarks();
      column.classList.add("drop-here");
    }
  });

  board.addEventListener("drop", function (event) {
    var column = dropTarget(event);
    if (!column) {
      return;
    }
    event.preventDefault();
    clearDropMarks();
    move(dragged, column.dataset.stage, false);
  });

  // ------------------------------------------------------------ the "Move to" form

  board.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("move")) {
      return;
    }
    event.preventDefault();
    var card = form.closest(".board-card");
    var to = form.elements.to.value;
    if (to === card.dataset.stage) {
      say(board.dataset.same, false);
      return;
    }
    move(card, to, true);
  });

  // ------------------------------------------------------------ saving a move

  function move(card, to, fromKeyboard) {
    var from = { list: card.parentElement, next: card.nextElementSibling };
    var column = columnOf(to);
    var form = card.querySelector("form.move");
    var body = new URLSearchParams(new FormData(form));
    body.set("to", to);
    if (column) {
      placeAtTop(card, column); // at once; the answer confirms it or puts the card back
    }
    card.setAttribute("aria-busy", "true");
    fetch(board.dataset.moveUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "HX-Request": "true" },
    }).then(function (response) {
      var redirect = response.headers.get("HX-Redirect");
      if (redirect) { // signed out meanwhile: to the login page, back here afterwards
        window.location.assign(redirect);
        return null;
      }
      return response.text().then(function (text) {
        applyUpdate(text, card, from, fromKeyboard);
      });
    }).catch(function () {
      putBack(card, from);
      say(board.dataset.lost, true);
    });
  }

  function putBack(card, from) {
    card.removeAttribute("aria-busy");
    from.list.insertBefore(card, from.next && from.next.parentElement === from.list
      ? from.next : null);
  }

  function applyUpdate(text, card, from, fromKeyboard) {
    var update = new DOMParser().parseFromString(text, "text/html");
    var root = update.getElementById("board-update");
    if (!root) { // an error page (such as an expired form): its sentence, the card put back
      putBack(card, from);
      var reason = update.querySelector(".error");
      say(reason ? reason.textContent : board.dataset.failed, true);
      return;
    }
    var news = root.querySelector("#board-message");
    var fresh = root.querySelector(".board-card");
    root.querySelectorAll(".column-head").forEach(function (head) {
      var mine = document.getElementById(head.id);
      if (mine) {
        mine.replaceWith(document.importNode(head, true));
      }
    });
    if (fresh) {
      var placed = document.importNode(fresh, true);
      var column = columnOf(placed.dataset.stage);
      card.replaceWith(placed);
      if (column) {
        placeAtTop(placed, column);
      } else {
        placed.remove(); // in no column of this board (a stage that is no option)
      }
      if (news.classList.contains("problem")) {
        placed.classList.add("updated");
      }
      if (fromKeyboard && placed.isConnected) {
        placed.querySelector("select").focus();
      }
    } else {
      card.remove(); // gone: trashed or deleted meanwhile
    }
    say(news.textContent, news.classList.contains("problem"));
  }

  // ------------------------------------------------------------ "Show more"

  // A card moved to the top of a column may come again with that column's next cards.
  document.body.addEventListener("htmx:afterSwap", function () {
    var seen = {};
    board.querySelectorAll(".board-card").forEach(function (card) {
      if (seen[card.id]) {
        card.remove();
      }
      seen[card.id] = true;
    });
  });
}());
