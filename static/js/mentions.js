// @-completion in comment fields. A textarea marked data-mentions="list-id"
// names a <datalist> of the plan's people (value "@handle", text their name);
// typing "@" and the start of a handle or a name lists the matches under the
// field: arrows move, Enter or Tab picks, Escape closes. Without this script
// typing the handle works the same.
(function () {
  "use strict";

  var MAX = 8;
  var open = null; // { field, list, start, matches, active }

  function people(field) {
    var source = document.getElementById(field.dataset.mentions);
    return source ? Array.prototype.map.call(source.options, function (option) {
      return { handle: option.value.replace(/^@/, ""), name: option.textContent };
    }) : [];
  }

  // The "@query" the caret ends, if any: "@" at the start or after a space or
  // punctuation (not inside an address such as bob@example.org).
  function typed(field) {
    var before = field.value.slice(0, field.selectionStart);
    var found = /(^|[\s(\[{"'«,;:!?])@([\p{L}\p{N}._+-]*)$/u.exec(before);
    return found && { start: before.length - found[2].length - 1, query: found[2].toLowerCase() };
  }

  function close() {
    if (open) {
      open.list.remove();
      open.field.removeAttribute("aria-activedescendant");
      open = null;
    }
  }

  function mark(index) {
    open.active = index;
    Array.prototype.forEach.call(open.list.children, function (item, i) {
      item.setAttribute("aria-selected", String(i === index));
    });
    open.field.setAttribute("aria-activedescendant", open.list.children[index].id);
  }

  function pick(index) {
    var field = open.field;
    var chosen = "@" + open.matches[index].handle + " ";
    var end = field.selectionStart;
    field.value = field.value.slice(0, open.start) + chosen + field.value.slice(end);
    var caret = open.start + chosen.length;
    field.setSelectionRange(caret, caret);
    close();
    field.focus();
  }

  function suggest(field) {
    var at = typed(field);
    var matches = at ? people(field).filter(function (person) {
      return person.handle.indexOf(at.query) === 0 || person.name.toLowerCase().indexOf(at.query) !== -1;
    }).slice(0, MAX) : [];
    close();
    if (!matches.length) {
      return;
    }
    var list = document.createElement("ul");
    list.id = field.id + "-mentions";
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", field.dataset.mentionsLabel || "@");
    matches.forEach(function (person, i) {
      var item = document.createElement("li");
      item.id = list.id + "-" + i;
      item.setAttribute("role", "option");
      item.textContent = person.name + " · @" + person.handle;
      // Before the field loses focus, so the pick lands in it.
      item.addEventListener("mousedown", function (event) {
        event.preventDefault();
        pick(i);
      });
      list.appendChild(item);
    });
    field.setAttribute("aria-autocomplete", "list");
    field.setAttribute("aria-controls", list.id);
    field.insertAdjacentElement("afterend", list);
    open = { field: field, list: list, start: at.start, matches: matches, active: -1 };
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("textarea[data-mentions]")) {
      suggest(event.target);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (!open || event.target !== open.field) {
      return;
    }
    var count = open.matches.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      var step = event.key === "ArrowDown" ? 1 : count - 1;
      mark(open.active < 0 ? (step === 1 ? 0 : count - 1) : (open.active + step) % count);
    } else if ((event.key === "Enter" || event.key === "Tab") && open.active >= 0) {
      event.preventDefault();
      pick(open.active);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });

  document.addEventListener("focusout", function (event) {
    if (open && event.target === open.field) {
      close();
    }
  });
})();
