// Keeps the countdown's time left moving between server renders. The server
// drew it and sent the launch moment with its own clock: counting from those
// rather than from the screen's clock keeps a wall screen with a wrong clock
// right. The figures are looked up again on every tick, so that the live
// refresh may swap the board (new elements, a newer server time) under this
// script without stopping it.
(function () {
  "use strict";

  var plural = window.Intl && Intl.PluralRules
    ? new Intl.PluralRules(document.documentElement.lang || "fr")
    : null;

  function pad(n) {
    return n < 10 ? "0" + n : String(n);
  }

  // The server's clock minus the screen's, measured once per drawn timer: a
  // swapped-in timer carries the time of its own render.
  function skew(timer) {
    if (!timer.dataset.skew) {
      timer.dataset.skew = String(Date.parse(timer.getAttribute("data-now")) - Date.now());
    }
    return Number(timer.dataset.skew);
  }

  // Writes a unit's figure, and its name in the plural the figure takes
  // ("1 jour", "2 jours") when the server gave both forms.
  function write(timer, unit, count) {
    var value = timer.querySelector('[data-unit="' + unit + '"]');
    var text = unit === "days" ? String(count) : pad(count);
    if (!value || value.textContent === text) {
      return;
    }
    value.textContent = text;
    var name = value.parentNode.querySelector(".name[data-one][data-other]");
    if (name && plural) {
      var word = plural.select(count) === "one" ? name.dataset.one : name.dataset.other;
      if (name.textContent !== word) {
        name.textContent = word;
      }
    }
  }

  function show(timer) {
    var launchAt = Date.parse(timer.getAttribute("data-launch-at"));
    var left = Math.max(0, Math.floor((launchAt - (Date.now() + skew(timer))) / 1000));
    write(timer, "days", Math.floor(left / 86400));
    write(timer, "hours", Math.floor((left % 86400) / 3600));
    write(timer, "minutes", Math.floor((left % 3600) / 60));
    write(timer, "seconds", left % 60);
    return left;
  }

  function tick() {
    var timers = document.querySelectorAll(".time-left[data-launch-at]");
    Array.prototype.forEach.call(timers, function (timer) {
      if (show(timer) === 0 && !timer.dataset.ended) {
        // The launch moment has come: the server draws what follows, and the
        // live refresh (app.js) brings it in without a reload.
        timer.dataset.ended = "true";
        document.dispatchEvent(new CustomEvent("live:refresh"));
      }
    });
    setTimeout(tick, 1000 - (Date.now() % 1000));
  }

  // A freshly swapped board shows its figures at once, not at the next second.
  document.addEventListener("live:swapped", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".time-left[data-launch-at]"), show);
  });

  tick();
})();
