(function () {
  "use strict";
  // Buttons that only a page without script needs (e.g. "use this country's defaults").
  document.querySelectorAll(".no-script").forEach(function (button) { button.hidden = true; });
  // Choosing a country fills in its default format and languages (the form works without).
  var data = document.getElementById("country-defaults");
  var defaults = data ? JSON.parse(data.textContent) : {};
  document.querySelectorAll("select[data-defaults]").forEach(function (select) {
    select.addEventListener("change", function () {
      var chosen = defaults[select.value];
      var form = select.form;
      if (!chosen || !form) { return; }
      var format = form.querySelector("select[name=format]");
      if (format) { format.value = chosen[0]; }
      var wanted = chosen[1].split(",");
      form.querySelectorAll("input[name=languages]").forEach(function (box) {
        box.checked = wanted.indexOf(box.value) !== -1;
      });
    });
  });
  // The inspection page: scan the poster with the camera where the browser can.
  var scan = document.getElementById("scan-camera");
  var field = document.getElementById("scanned");
  if (!scan || !field || !("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
  scan.hidden = false;
  scan.addEventListener("click", function () {
    var video = document.getElementById("scanner");
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.hidden = false;
      video.srcObject = stream;
      video.play();
      var look = function () {
        detector.detect(video).then(function (codes) {
          if (codes.length) {
            field.value = codes[0].rawValue;
            stream.getTracks().forEach(function (track) { track.stop(); });
            video.hidden = true;
            field.focus();
          } else {
            window.setTimeout(look, 250);
          }
        }, function () { window.setTimeout(look, 500); });
      };
      look();
    }, function () {
      scan.textContent = "The camera is not available: type the printed code below.";
      scan.disabled = true;
    });
  });
})();
