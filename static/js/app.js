// Progressive enhancement. Forms marked data-enhance="id1 id2" post in the
// background; the server's answer (the page it redirects to, or the page with
// the error) replaces the listed elements in place. Without this script the
// same forms post and redirect as usual. Regions marked data-live follow the
// server's changes; buttons marked data-copy copy a link.
(function () {
  "use strict";

  // Replacing a region must not take the user's place: the focused element
  // is found again by its id in the new content and focused without
  // scrolling (controls that can be focused inside swapped regions carry
  // stable ids, such as done-<item id> or up-<item id>).
  function swap(html, ids) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var active = document.activeElement;
    var activeId = active && active !== document.body ? active.id : "";
    ids.forEach(function (id) {
      var current = document.getElementById(id);
      var next = fresh.getElementById(id);
      if (current && next) {
        current.replaceWith(document.importNode(next, true));
      }
    });
    var again = activeId && document.getElementById(activeId);
    if (again && document.activeElement !== again) {
      again.focus({ preventScroll: true });
    }
  }

  // Live updates: when the server announces a change that a region marked
  // data-live follows, the page is fetched again and its regions swapped,
  // unless the user is working in one (typing in a field of it, an open
  // <details> form, or focus on an element without an id, which could not be
  // found again after the swap).
  function busy(region) {
    var active = document.activeElement;
    var inside = active && region.contains(active);
    var typing = inside && active.matches("input:not([type=hidden]), textarea, select");
    return typing || (inside && !active.id) || region.querySelector("details[open]");
  }

  // What a region follows: its data-live lists subjects ("plan") or the
  // items of one phase ("item@<phase id>"); an empty data-live follows
  // every change. The server draws the lists from the rule it uses for the
  // page's version (src/live/versions.rs).
  function follows(region, change) {
    var wanted = (region.dataset.live || "").split(/\s+/).filter(Boolean);
    return wanted.length === 0 || wanted.some(function (entry) {
      var parts = entry.split("@");
      return parts[0] === change.subject_type &&
        (!parts[1] || !change.phase_id || parts[1] === change.phase_id);
    });
  }

  function concerns(change) {
    return Array.prototype.some.call(document.querySelectorAll("[data-live]"), function (region) {
      return follows(region, change);
    });
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
  // The version the regions show (the page's ETag), sent back when a change
  // makes the page fetch itself: the server answers 304 without drawing
  // anything when the change does not touch what the page shows.
  var marked = document.querySelector("[data-live-version]");
  var version = marked ? marked.dataset.liveVersion : null;
  // The latest change announced, which the answer must already hold.
  var heard = null;
  // Bursts of changes cost one fetch: the first change is fetched after a
  // short, random settle (screens that heard it at once do not all ask at
  // once), the next no sooner than SPACING after the last fetch, or ten
  // times as long as the last fetch took (up to LONGEST_SPACING): a busy
  // server is asked less often.
  var SETTLE = 150;
  var SPREAD = 250;
  var SPACING = 1000;
  var LONGEST_SPACING = 10000;
  var soonTimer = null;
  var lastFetch = 0;
  var lastTook = 0;
  var fetches = 0;

  function showLost(now) {
    lost = now;
    document.body.dataset.liveLost = String(now);
    Array.prototype.forEach.call(document.querySelectorAll("[data-reconnecting]"), function (element) {
      element.hidden = !now;
    });
  }

  // The next full fetch in `delay` ms, replacing any planned one.
  function plan(delay) {
    clearTimeout(timer);
    timer = setTimeout(refresh, delay);
  }

  // A fetch for an announced change, coalesced with the others.
  function soon() {
    if (soonTimer !== null) {
      return;
    }
    var spacing = Math.min(LONGEST_SPACING, Math.max(SPACING, 10 * lastTook));
    var wait = Math.max(SETTLE + Math.random() * SPREAD, lastFetch + spacing - Date.now());
    soonTimer = setTimeout(function () {
      soonTimer = null;
      refresh(true);
    }, wait);
  }

  // Fetches the page again; `conditional` (after a change) sends the version
  // the page shows. The other fetches (the recheck, the launch moment, back
  // after a break) draw the page whatever it shows.
  function refresh(conditional) {
    clearTimeout(timer);
    if (fetching) {
      // A change announced during a fetch may not be in its answer.
      again = true;
      return;
    }
    fetching = true;
    again = false;
    lastFetch = Date.now();
    fetches += 1;
    // Says how often the page fetched itself, for whoever counts (the browser tests).
    document.body.dataset.liveFetches = String(fetches);
    var headers = { "X-Requested-With": "fetch" };
    if (conditional === true && version) {
      headers["If-None-Match"] = version;
      if (heard) {
        headers["X-Live-Event"] = heard;
      }
    }
    fetch(location.href, { credentials: "same-origin", cache: "no-store", headers: headers })
      .then(function (response) {
        if (response.status === 404 && recheck) {
          // The wall screen's link was revoked: the page says so.
          location.reload();
        }
        if (response.status === 304) {
          return null;
        }
        return response.ok ? response.text().then(function (html) {
          return { html: html, etag: response.headers.get("ETag") };
        }) : Promise.reject(response.status);
      })
      .then(function (answer) {
        if (answer) {
          var regions = Array.prototype.slice.call(document.querySelectorAll("[data-live][id]"));
          var ids = regions.filter(function (region) {
            return !busy(region);
          }).map(function (region) { return region.id; });
          swap(answer.html, ids);
          // A region left as it was (the user works in it) holds an older
          // version: the next fetch draws it again.
          version = ids.length === regions.length ? answer.etag : null;
          document.dispatchEvent(new CustomEvent("live:swapped"));
        }
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
        lastTook = Date.now() - lastFetch;
        if (again) {
          soon();
        }
      });
  }

  function follow() {
    stream = new EventSource(source);
    stream.addEventListener("change", function (event) {
      var change = null;
      try {
        change = JSON.parse(event.data);
      } catch (error) {
        change = null;
      }
      heard = event.lastEventId || heard;
      // Says which change the page heard last, for whoever waits on it (the browser tests).
      document.body.dataset.liveHeard = heard;
      // A change the script cannot read may concern the page.
      if (!change || concerns(change)) {
        soon();
      }
    });
    // The user's inbox changed: the header says how many are unread (as
    // the server writes it: "99+" past 99), and the inbox itself, when
    // open, is drawn again.
    stream.addEventListener("inbox", function (event) {
      var badgeText = String(event.data || "0");
      Array.prototype.forEach.call(document.querySelectorAll(".inbox .count"), function (badge) {
        badge.querySelector(".n").textContent = badgeText;
        badge.hidden = badgeText === "0";
      });
      if (document.querySelector("[data-live~='inbox']")) {
        soon();
      }
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

  // Every signed-in page follows the stream, if only for the header's
  // count of unread notifications.
  var inboxCount = document.querySelector(".inbox .count") !== null;
  if ((live || inboxCount) && source && window.EventSource) {
    follow();
    // A page left for another closes its stream at once: a browser keeps
    // few connections to one server, and a page kept for Back would hold
    // one until the server's next heartbeat. Shown again, it follows anew.
    window.addEventListener("pagehide", function () {
      stream.close();
    });
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        follow();
        if (live) {
          refresh();
        }
      }
    });
  }
  if (live && (source || recheck)) {
    document.addEventListener("live:refresh", function () { refresh(); });
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

  // A form drawn again with errors: its summary takes focus, so whoever
  // uses a screen reader or the keyboard starts from the list of problems.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
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
        // An answer with errors: focus goes to what says so. Otherwise the
        // button used stays focused (swap found it again by its id, even
        // when the row moved); when it is gone (a tick changes the row's
        // buttons), focus goes to the row's first control.
        var row = document.getElementById(focusId);
        var problem = row && row.querySelector("[data-error-summary], [aria-invalid], .alert");
        var kept = button && button.id && document.getElementById(button.id);
        var target = problem || kept || (row && (row.querySelector("button.primary, button") || row));
        if (target && document.activeElement !== target) { target.focus({ preventScroll: true }); }
      })
      .catch(function () { form.removeAttribute("aria-busy"); form.submit(); });
  });
})();
