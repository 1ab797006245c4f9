// Keeps the countdown's time left moving between server renders. The server
// drew it and sent the launch moment with its own clock: counting from those
// rather than from the screen's clock keeps a wall screen with a wrong clock right.
(function () {
  "use strict";

  var timers = Array.prototype.slice.call(document.querySelectorAll(".time-left[data-launch-at]"));
  if (timers.length === 0) {
    return;
  }

  function pad(n) {
    return n < 10 ? "0" + n : String(n);
  }

  var clocks = timers.map(function (timer) {
    return {
      launchAt: Date.parse(timer.getAttribute("data-launch-at")),
      skew: Date.parse(timer.getAttribute("data-now")) - Date.now(),
      units: {
        days: timer.querySelector('[data-unit="days"]'),
        hours: timer.querySelector('[data-unit="hours"]'),
        minutes: timer.querySelector('[data-unit="minutes"]'),
        seconds: timer.querySelector('[data-unit="seconds"]')
      }
    };
  });

  function show(clock) {
    var left = Math.max(0, Math.floor((clock.launchAt - (Date.now() + clock.skew)) / 1000));
    var values = {
      days: String(Math.floor(left / 86400)),
      hours: pad(Math.floor((left % 86400) / 3600)),
      minutes: pad(Math.floor((left % 3600) / 60)),
      seconds: pad(left % 60)
    };
    Object.keys(values).forEach(function (unit) {
      var element = clock.units[unit];
      if (element && element.textContent !== values[unit]) {
        element.textContent = values[unit];
      }
    });
    return left;
  }

  function tick() {
    var running = clocks.map(show).some(function (left) { return left > 0; });
    if (running) {
      setTimeout(tick, 1000 - (Date.now() % 1000));
    } else {
      // The launch moment has come: the server draws what follows.
      window.location.reload();
    }
  }

  tick();
})();
