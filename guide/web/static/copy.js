// Copy buttons for commands and the request note. The page works without this script: the buttons stay
// hidden and the text can be selected by hand. Nothing here talks to a server.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  if (!navigator.clipboard) { return; }
  document.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.nextElementSibling;
    if (!source) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent).then(function () {
        if (status) { status.textContent = button.getAttribute("data-done"); }
      });
    });
  });
});
