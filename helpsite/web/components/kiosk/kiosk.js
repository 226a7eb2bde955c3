(function () {
  "use strict";
  var body = document.body;
  var restartTo = body.getAttribute("data-restart");
  if (restartTo) {
    // The blank reset page: the launcher closes the browser now; without it, start again.
    setTimeout(function () { window.location.replace(restartTo); }, 1500);
    return;
  }

  // Every kiosk link replaces the page, so the shared screen's history never grows.
  // Links that would leave the site (none should) do nothing: there is no phone to call with.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || event.defaultPrevented) { return; }
    var href = link.getAttribute("href");
    event.preventDefault();
    if (href.charAt(0) === "/" && href.charAt(1) !== "/") { window.location.replace(href); }
  });

  // No long-press menu (open in a new tab, save, print) and no dragging links away.
  document.addEventListener("contextmenu", function (event) { event.preventDefault(); });
  document.addEventListener("dragstart", function (event) { event.preventDefault(); });

  var back = body.getAttribute("data-print");
  if (back) {
    window.print();
    window.location.replace(back);
    return;
  }

  var idle = parseInt(body.getAttribute("data-idle"), 10);
  var seconds = parseInt(body.getAttribute("data-countdown"), 10);
  var reset = body.getAttribute("data-reset");
  var box = document.getElementById("kiosk-countdown");
  var number = document.getElementById("kiosk-countdown-number");
  if (!idle || !box) { return; }
  var idleTimer = null;
  var tick = null;

  function countdown() {
    var left = seconds;
    number.textContent = left;
    box.hidden = false;
    tick = setInterval(function () {
      left -= 1;
      if (left <= 0) {
        clearInterval(tick);
        window.location.replace(reset);
        return;
      }
      number.textContent = left;
    }, 1000);
  }
  function restart() {
    if (tick) { clearInterval(tick); tick = null; }
    box.hidden = true;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(countdown, idle * 1000);
  }
  var kinds = ["pointerdown", "touchstart", "keydown", "wheel", "scroll"];
  for (var i = 0; i < kinds.length; i++) {
    window.addEventListener(kinds[i], restart, { capture: true, passive: true });
  }
  restart();
})();
