(function () {
  "use strict";
  var root = document.documentElement;
  var links = document.querySelectorAll("[data-exit]");
  var status = document.getElementById("exit-status");
  if (!links.length) { return; }
  var target = links[0].getAttribute("href");
  var presses = 0;
  var timer = null;

  function leave(event) {
    if (event) { event.preventDefault(); }
    root.className += " exiting";
    window.location.replace(target);
  }
  function reset() {
    presses = 0;
    if (timer) { clearTimeout(timer); timer = null; }
  }
  for (var i = 0; i < links.length; i++) {
    links[i].addEventListener("click", leave);
  }
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { reset(); return; }
    presses += 1;
    if (presses === 1) { timer = setTimeout(function () { reset(); status.textContent = ""; }, 5000); }
    if (presses >= 3) {
      reset();
      status.textContent = status.getAttribute("data-activated");
      leave();
      return;
    }
    status.textContent = status.getAttribute("data-press-" + (3 - presses));
  });
  window.addEventListener("pageshow", function () {
    root.className = root.className.replace(/\s*exiting/g, "");
    reset();
    status.textContent = "";
  });
})();
