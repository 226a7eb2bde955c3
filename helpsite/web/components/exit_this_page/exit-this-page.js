(function () {
  "use strict";
  var root = document.documentElement;
  var links = document.querySelectorAll("[data-exit]");
  var status = document.getElementById("exit-status");
  if (!links.length) { return; }
  var button = document.querySelector("[data-neutral]");
  var neutral = button ? button.getAttribute("data-neutral") : null;
  var via = links[0].getAttribute("href");
  // A copy saved to disk (HTML or MHTML keeps this DOM, not the served HTML) has no /exit
  // beside it: its links go to the neutral page itself, absolute, even with scripts off.
  for (var j = 0; neutral && j < links.length; j++) { links[j].setAttribute("href", neutral); }
  var online = /^https?:$/.test(window.location.protocol);
  var target = online ? via : (neutral || via);
  var presses = 0;
  var timer = null;
  var exited = false;

  function leave(event) {
    if (event) { event.preventDefault(); }
    exited = true;
    // Blank at once, and stay blank until the neutral page takes this one's place.
    if (!/\bexiting\b/.test(root.className)) { root.className += " exiting"; }
    window.location.replace(target);
  }
  function reset() {
    presses = 0;
    if (timer) { clearTimeout(timer); timer = null; }
  }
  for (var i = 0; i < links.length; i++) {
    links[i].addEventListener("click", leave);
  }
  // Typing, not a shortcut: a key pressed in a form field (where a phone's on-screen
  // keyboard is open: iOS sends its Shift, caps-lock double tap and 123 key as Shift), or
  // during an input method's composition.
  function typing(event) {
    var field = event.target;
    return event.isComposing || event.keyCode === 229 || !!(field && field.nodeType === 1 &&
      (field.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(field.tagName)));
  }
  // A press is a Shift keydown then its keyup, with no other key between: Shift held to type
  // a capital, held down until it repeats, or pressed while typing never counts.
  var shiftDown = false;
  document.addEventListener("keydown", function (event) {
    var alone = event.key === "Shift" && !event.repeat && !typing(event);
    if (!alone && (event.key !== "Shift" || typing(event))) { reset(); }
    shiftDown = alone;
  });
  // Left and right Shift both count: only the key, never which side, is checked.
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { reset(); return; }
    var pressed = shiftDown && !typing(event);
    shiftDown = false;
    if (!pressed) { return; }
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
  window.addEventListener("pageshow", function (event) {
    if (exited || (event.persisted && /\bexiting\b/.test(root.className))) {
      // Restored from the back-forward cache after an exit: never show this page again.
      leave();
      return;
    }
    reset();
    status.textContent = "";
  });
})();
