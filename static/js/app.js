// Progressive enhancement. Forms marked data-enhance="id1 id2" post in the
// background; the server's answer (the page it redirects to, or the page with
// the error) replaces the listed elements in place. Without this script the
// same forms post and redirect as usual. Regions marked data-live follow the
// server's changes; buttons marked data-copy copy a link.
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

  // A page may also ask to be fetched every `data-recheck` seconds (the wall
  // screen): a lost database leaves the stream open, and the day rolls over
  // without any change. While the server does not answer, elements marked
  // data-reconnecting show, and the page retries by itself, then comes back.
  var recheck = (Number(document.body.dataset.recheck) || 0) * 1000;
  var source = document.body.dataset.events;
  var live = document.querySelector("[data-live]") !== null;
  var stream = null;
  var lost = false;
  var failures = 0;
  var timer = null;
  var fetching = false;
  var again = false;

  function showLost(now) {
    lost = now;
    document.body.dataset.liveLost = String(now);
    Array.prototype.forEach.call(document.querySelectorAll("[data-reconnecting]"), function (element) {
      element.hidden = !now;
    });
  }

  // The next fetch in `delay` ms, replacing any planned one.
  function plan(delay) {
    clearTimeout(timer);
    timer = setTimeout(refresh, delay);
  }

  function refresh() {
    clearTimeout(timer);
    if (fetching) {
      // A change announced during a fetch may not be in its answer.
      again = true;
      return;
    }
    fetching = true;
    again = false;
    fetch(location.href, { credentials: "same-origin", cache: "no-store", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        if (response.status === 404 && recheck) {
          // The wall screen's link was revoked: the page says so.
          location.reload();
        }
        return response.ok ? response.text() : Promise.reject(response.status);
      })
      .then(function (html) {
        var ids = Array.prototype.filter.call(document.querySelectorAll("[data-live][id]"), function (region) {
          return !busy(region);
        }).map(function (region) { return region.id; });
        swap(html, ids);
        document.dispatchEvent(new CustomEvent("live:swapped"));
        failures = 0;
        if (lost) {
          showLost(false);
        }
        // A stream the browser gave up on (an error answer) opens again.
        if (stream && stream.readyState === EventSource.CLOSED) {
          follow();
        }
        if (recheck) {
          plan(recheck);
        }
      })
      .catch(function () {
        failures += 1;
        showLost(true);
        plan(Math.min(2000 * failures, 10000));
      })
      .then(function () {
        fetching = false;
        if (again) {
          refresh();
        }
      });
  }

  function follow() {
    stream = new EventSource(source);
    var pending = null;
    stream.addEventListener("change", function () {
      clearTimeout(pending);
      pending = setTimeout(refresh, 200);
    });
    // Says when the page follows changes, for whoever waits on it (the browser tests).
    stream.addEventListener("open", function () {
      document.body.dataset.liveState = "open";
      // Back after a break: what changed meanwhile is drawn at once.
      if (lost) {
        refresh();
      }
    });
    // The stream broke (the server went away, or answered with an error):
    // a fetch says whether the server answers, and the page follows from
    // there. Once lost, the retries already run: they are not put off.
    stream.addEventListener("error", function () {
      document.body.dataset.liveState = "closed";
      if (!fetching && !lost) {
        plan(1000);
      }
    });
  }

  if (live && source && window.EventSource) {
    follow();
  }
  if (live && (source || recheck)) {
    document.addEventListener("live:refresh", refresh);
  }
  if (live && recheck) {
    plan(recheck);
  }

  // Copy buttons: data-copy names the field whose text they copy (the field
  // stays selectable for whoever copies by hand or has no clipboard).
  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (button) {
    var field = document.getElementById(button.dataset.copy);
    if (!field || !navigator.clipboard) {
      return;
    }
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        button.textContent = button.dataset.copied || label;
        setTimeout(function () { button.textContent = label; }, 2000);
      }, function () {
        field.select();
      });
    });
  });

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
