// khabar: the only script. Pages work without it; it remembers the boilerplate toggle between documents.
(function () {
  "use strict";
  var box = document.getElementById("show-boilerplate");
  if (!box) return;
  var KEY = "khabar.showBoilerplate";
  try {
    if (!box.checked && localStorage.getItem(KEY) === "1") box.checked = true;
    box.addEventListener("change", function () {
      localStorage.setItem(KEY, box.checked ? "1" : "0");
    });
  } catch (e) {
    // storage may be disabled (private mode): the toggle still works, it is just not remembered
  }
})();
