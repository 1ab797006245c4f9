// Progressive enhancement: forms marked data-enhance="id1 id2" post in the
// background; the server's answer (the page it redirects to, or the page with
// the error) replaces the listed elements in place. Without this script the
// same forms post and redirect as usual.
(function () {
  "use strict";

  function swap(html, ids) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    ids.forEach(function (id) {
      var current = document.getElementById(id);
      var next = fresh.getElementById(id);
      if (current && next) {
        current.replaceWith(document.importNode(next, true));
      }
    });
  }

  // Live updates: when the server announces a change, regions marked
  // data-live are fetched again and swapped, unless the user is working in
  // one (typing in a field of it, or an open <details> form).
  function busy(region) {
    var active = document.activeElement;
    var typing = active && active.matches("input:not([type=hidden]), textarea, select");
    return (typing && region.contains(active)) || region.querySelector("details[open]");
  }

  function refresh() {
    fetch(location.href, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var ids = Array.prototype.filter.call(document.querySelectorAll("[data-live][id]"), function (region) {
          return !busy(region);
        }).map(function (region) { return region.id; });
        swap(html, ids);
      })
      .catch(function () { /* the next change tries again */ });
  }

  var source = document.body.dataset.events;
  if (source && window.EventSource && document.querySelector("[data-live]")) {
    var pending = null;
    var events = new EventSource(source);
    events.addEventListener("change", function () {
      clearTimeout(pending);
      pending = setTimeout(refresh, 200);
    });
    // Says when the page follows changes, for whoever waits on it (the browser tests).
    events.addEventListener("open", function () { document.body.dataset.liveState = "open"; });
    events.addEventListener("error", function () { document.body.dataset.liveState = "closed"; });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.enhance || !window.fetch) {
      return;
    }
    event.preventDefault();
    var ids = form.dataset.enhance.split(/\s+/);
    var focusId = ids[0];
    var button = event.submitter;
    var body = new URLSearchParams(new FormData(form, button));
    form.setAttribute("aria-busy", "true");
    fetch(form.action, { method: "POST", body: body, credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        swap(html, ids);
        var row = document.getElementById(focusId);
        var target = row && (row.querySelector("[aria-invalid], .alert, button.primary, button") || row);
        if (target) { target.focus({ preventScroll: true }); }
      })
      .catch(function () { form.removeAttribute("aria-busy"); form.submit(); });
  });
})();
