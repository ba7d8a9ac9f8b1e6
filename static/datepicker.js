// Rõ Việc: a month grid beside every date field (input[data-datepicker]).
// The field stays a text input the server parses (dd/mm/yyyy and the other
// forms it accepts), so without JavaScript nothing changes; with it, a
// button opens a grid (Monday first, today marked) that writes the chosen
// day as dd/mm/yyyy. Keyboard: arrows move a day or a week, Page Up/Down a
// month, Enter picks, Escape closes; the focus goes back to the field. The
// month and day names come from the locale files through this script
// tag's data attributes. A file of its own: the Content-Security-Policy
// allows no inline script or style.
(function () {
  "use strict";
  var me = document.currentScript;
  var text = {
    months: (me.dataset.months || "").split(","),
    days: (me.dataset.days || "").split(","),
    open: me.dataset.open || "",
    prev: me.dataset.prev || "",
    next: me.dataset.next || "",
    today: me.dataset.today || ""
  };
  var open = null; // the picker shown: {field, toggle, box, shown (first of month), focus (Date)}

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function vn(d) { return pad(d.getDate()) + "/" + pad(d.getMonth() + 1) + "/" + d.getFullYear(); }
  function sameDay(a, b) {
    return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  }

  // parse reads the forms the server accepts (d/m/yyyy with / - or . and
  // yyyy-mm-dd); anything else, or no real day, is null.
  function parse(s) {
    var m = /^\s*(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})\s*$/.exec(s), y, mo, d;
    if (m) { d = +m[1]; mo = +m[2]; y = +m[3]; } else {
      m = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(s);
      if (!m) return null;
      y = +m[1]; mo = +m[2]; d = +m[3];
    }
    var out = new Date(y, mo - 1, d);
    return out.getMonth() === mo - 1 && out.getDate() === d ? out : null;
  }

  function el(tag, cls, txt) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (txt) e.textContent = txt;
    return e;
  }

  function close(refocus) {
    if (!open) return;
    var o = open;
    open = null;
    o.box.remove();
    o.toggle.setAttribute("aria-expanded", "false");
    if (refocus) o.field.focus();
  }

  function pick(day) {
    var field = open.field;
    field.value = vn(day);
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
    close(true);
  }

  // draw renders the month of open.focus and puts the focus on its day.
  function draw() {
    var o = open, f = o.focus, today = new Date();
    var first = new Date(f.getFullYear(), f.getMonth(), 1);
    o.title.textContent = text.months[f.getMonth()] + " " + f.getFullYear();
    var body = o.grid.tBodies[0];
    body.textContent = "";
    var start = new Date(first);
    start.setDate(1 - ((first.getDay() + 6) % 7)); // back to Monday
    var target = null;
    for (var w = 0; w < 6; w++) {
      var row = body.insertRow();
      for (var i = 0; i < 7; i++) {
        var d = new Date(start.getFullYear(), start.getMonth(), start.getDate() + w * 7 + i);
        var cell = row.insertCell();
        if (d.getMonth() !== f.getMonth()) continue;
        var b = el("button", "picker-day", String(d.getDate()));
        b.type = "button";
        b.tabIndex = -1;
        b.dataset.day = vn(d);
        b.setAttribute("aria-label", vn(d) + (sameDay(d, today) ? " (" + text.today + ")" : ""));
        if (sameDay(d, today)) { b.classList.add("today"); b.setAttribute("aria-current", "date"); }
        var chosen = parse(o.field.value);
        if (chosen && sameDay(d, chosen)) b.setAttribute("aria-pressed", "true");
        if (sameDay(d, f)) { b.tabIndex = 0; target = b; }
        cell.appendChild(b);
      }
      if (w >= 4 && row.textContent === "") row.remove();
    }
    if (target) target.focus();
  }

  function move(days, months) {
    var f = open.focus, d;
    if (months) {
      d = new Date(f.getFullYear(), f.getMonth() + months, 1);
      var last = new Date(d.getFullYear(), d.getMonth() + 1, 0).getDate();
      d.setDate(Math.min(f.getDate(), last));
    } else {
      d = new Date(f.getFullYear(), f.getMonth(), f.getDate() + days);
    }
    open.focus = d;
    draw();
  }

  function show(field, toggle) {
    close(false);
    var box = el("div", "picker");
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", text.open);
    var head = el("div", "picker-head");
    var prev = el("button", "picker-nav", "‹"), next = el("button", "picker-nav", "›");
    prev.type = next.type = "button";
    prev.setAttribute("aria-label", text.prev);
    next.setAttribute("aria-label", text.next);
    var title = el("span", "picker-title");
    title.setAttribute("aria-live", "polite");
    head.append(prev, title, next);
    var grid = el("table", "picker-grid");
    grid.setAttribute("role", "grid");
    var hr = grid.createTHead().insertRow();
    text.days.forEach(function (n) { var th = el("th", "", n); th.scope = "col"; hr.appendChild(th); });
    grid.createTBody();
    box.append(head, grid);
    toggle.parentNode.insertAdjacentElement("afterend", box);
    toggle.setAttribute("aria-expanded", "true");
    open = { field: field, toggle: toggle, box: box, title: title, grid: grid, focus: parse(field.value) || new Date() };
    prev.addEventListener("click", function () { move(0, -1); });
    next.addEventListener("click", function () { move(0, 1); });
    grid.addEventListener("click", function (ev) {
      var b = ev.target.closest("button.picker-day");
      if (b) pick(parse(b.dataset.day));
    });
    box.addEventListener("keydown", function (ev) {
      var step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }[ev.key];
      if (ev.key === "Escape") { ev.preventDefault(); close(true); return; }
      if (!ev.target.classList.contains("picker-day")) return;
      if (step) { ev.preventDefault(); move(step, 0); } else if (ev.key === "PageUp" || ev.key === "PageDown") {
        ev.preventDefault(); move(0, ev.key === "PageUp" ? -1 : 1);
      }
    });
    draw();
  }

  function enhance(field) {
    if (field.dataset.pickerReady) return;
    field.dataset.pickerReady = "1";
    var toggle = el("button", "picker-toggle", "");
    toggle.type = "button";
    toggle.setAttribute("aria-label", text.open);
    toggle.setAttribute("aria-haspopup", "dialog");
    toggle.setAttribute("aria-expanded", "false");
    toggle.title = text.open;
    toggle.appendChild(el("span", "picker-icon"));
    // The field and its button share a line (the field keeps the rest of it).
    var wrap = el("span", "picker-wrap");
    field.insertAdjacentElement("beforebegin", wrap);
    wrap.append(field, toggle);
    toggle.addEventListener("click", function () {
      if (open && open.field === field) close(true); else show(field, toggle);
    });
  }

  function enhanceAll(root) {
    root.querySelectorAll("input[data-datepicker]").forEach(enhance);
  }

  document.addEventListener("click", function (ev) {
    if (open && !open.box.contains(ev.target) && ev.target !== open.toggle && !open.toggle.contains(ev.target)) close(false);
  });
  // htmx swaps in forms (a board card's) after the page loaded.
  document.addEventListener("htmx:load", function (ev) { enhanceAll(ev.target); });
  enhanceAll(document);
})();
