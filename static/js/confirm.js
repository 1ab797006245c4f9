// Confirmation in place. A link marked data-confirm leads to a page that asks
// before a destructive action (its form posts it). With this script the same
// question opens in a native <dialog> over the current page: the page's
// [data-confirm-content] section is fetched and shown, its form posts as it
// would from the page, and its cancel link ([data-confirm-cancel]) closes the
// dialog. Without the script, or when the page cannot be fetched, the link
// simply leads to the page.
(function () {
  "use strict";

  if (typeof HTMLDialogElement !== "function") {
    return;
  }

  function open(link, html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var content = page.querySelector("[data-confirm-content]");
    if (!content) {
      location.assign(link.href);
      return;
    }
    var dialog = document.createElement("dialog");
    dialog.className = "confirm";
    var heading = content.querySelector("[id]");
    if (heading) {
      dialog.setAttribute("aria-labelledby", heading.id);
    }
    dialog.appendChild(document.importNode(content, true));
    dialog.addEventListener("click", function (event) {
      if (event.target.closest("[data-confirm-cancel]")) {
        event.preventDefault();
        dialog.close();
      }
    });
    dialog.addEventListener("close", function () {
      dialog.remove();
      link.focus();
    });
    document.body.appendChild(dialog);
    dialog.showModal();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-confirm]");
    if (!link || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    fetch(link.href, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        return response.ok ? response.text() : Promise.reject(response.status);
      })
      .then(function (html) { open(link, html); })
      .catch(function () { location.assign(link.href); });
  });
})();
