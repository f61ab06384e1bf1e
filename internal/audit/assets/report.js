// Click a column header to sort its table; click again to reverse. Columns
// marked data-type="number" sort numerically; a cell's data-sort attribute,
// when present, is its sort key.
(function () {
  "use strict";
  function key(cell) {
    var k = cell.getAttribute("data-sort");
    return k === null ? cell.textContent.trim() : k;
  }
  function sort(table, th, col) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var asc = th.getAttribute("aria-sort") !== "ascending";
    var numeric = th.getAttribute("data-type") === "number";
    rows.sort(function (a, b) {
      var x = key(a.cells[col]), y = key(b.cells[col]);
      var c = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0)
        : x.localeCompare(y, undefined, { numeric: true, sensitivity: "base" });
      return asc ? c : -c;
    });
    Array.prototype.forEach.call(th.parentNode.cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    rows.forEach(function (r) { body.appendChild(r); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      var button = th.querySelector("button");
      if (button) {
        button.addEventListener("click", function () { sort(table, th, col); });
      }
    });
  });
})();
