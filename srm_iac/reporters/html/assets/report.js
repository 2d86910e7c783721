/* srm-iac HTML report: findings filters and print preparation. No network, no dependencies. */
(function () {
  "use strict";

  var KEYS = ["status", "severity", "target", "control"];

  function matches(row, wanted) {
    return KEYS.every(function (key) {
      var value = wanted[key];
      if (!value) {
        return true;
      }
      if (key === "status" && value === "open") {
        return row.getAttribute("data-status") !== "PASS";
      }
      return row.getAttribute("data-" + key) === value;
    });
  }

  function setUpFilters() {
    var form = document.getElementById("finding-filters");
    var table = document.getElementById("findings-table");
    if (!form || !table) {
      return;
    }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = document.getElementById("finding-count");
    var empty = document.getElementById("findings-empty");

    function apply() {
      var wanted = {};
      KEYS.forEach(function (key) {
        wanted[key] = form.elements[key].value;
      });
      var shown = 0;
      rows.forEach(function (row) {
        var visible = matches(row, wanted);
        row.hidden = !visible;
        if (visible) {
          shown += 1;
        }
      });
      count.textContent = shown + " of " + rows.length + " findings shown";
      empty.hidden = shown !== 0;
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.addEventListener("reset", function () {
      window.setTimeout(apply, 0);
    });
    apply();
  }

  /* Printing shows every collapsed section; closing them again afterwards. */
  function setUpPrinting() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      opened = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) {
        return !d.open;
      });
      opened.forEach(function (d) {
        d.open = true;
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (d) {
        d.open = false;
      });
      opened = [];
    });
  }

  setUpFilters();
  setUpPrinting();
})();
