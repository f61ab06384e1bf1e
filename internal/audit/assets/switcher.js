// The framework switcher of a report on several frameworks: one coverage
// matrix on screen at a time. Without this script every matrix shows, one
// under the other; printing always shows them all (switcher.css).
(function () {
  "use strict";
  var nav = document.getElementById("framework-switcher");
  if (!nav) {
    return;
  }
  var buttons = Array.prototype.slice.call(nav.querySelectorAll("button[data-framework]"));
  var panels = Array.prototype.slice.call(document.querySelectorAll(".framework-panel"));
  function show(key) {
    panels.forEach(function (p) { p.hidden = p.getAttribute("data-framework") !== key; });
    buttons.forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-framework") === key ? "true" : "false");
    });
  }
  buttons.forEach(function (b) {
    b.addEventListener("click", function () { show(b.getAttribute("data-framework")); });
  });
  nav.hidden = false;
  if (buttons.length > 0) {
    show(buttons[0].getAttribute("data-framework"));
  }
})();
