// Moving a visit on the day plan's timeline by dragging its bar to another staff member's row
// (issue 10 §3). A progressive enhancement: the drop fills in and submits the visit's move form
// in the route tables, so the server's checker decides exactly as for the form, and the page
// that comes back says the visit moved or names the rule the move would break. Without
// JavaScript, and from the keyboard, the form is the way. No inline script or style (CSP).
(function () {
  "use strict";

  var DRAG_MIN = 4; // px the pointer must travel before a press counts as a drag

  function moveSelect(visitId) {
    return document.getElementById("move-" + visitId);
  }

  // The move form lists the staff a visit may be moved to (not those called in sick).
  function canMoveTo(select, staffId) {
    return Array.prototype.some.call(select.options, function (option) {
      return option.value === staffId;
    });
  }

  function setup(svg) {
    var rowHeight = parseFloat(svg.getAttribute("data-row-height"));
    var rows = Array.prototype.slice.call(svg.querySelectorAll("g[data-staff]"));
    var drag = null;
    var hint = document.getElementById("timeline-drag-hint");
    if (hint) {
      hint.hidden = false;
    }

    function svgY(event) {
      var point = svg.createSVGPoint();
      point.x = event.clientX;
      point.y = event.clientY;
      return point.matrixTransform(svg.getScreenCTM().inverse()).y;
    }

    function rowAt(y) {
      return rows.find(function (row) {
        var top = parseFloat(row.getAttribute("data-top"));
        return y >= top && y < top + rowHeight;
      }) || null;
    }

    function mark(row) {
      rows.forEach(function (each) {
        each.classList.remove("hc-drop-ok", "hc-drop-refused");
      });
      if (row && row !== drag.from) {
        var ok = canMoveTo(drag.select, row.getAttribute("data-staff"));
        row.classList.add(ok ? "hc-drop-ok" : "hc-drop-refused");
      }
    }

    function end(event, drop) {
      if (!drag) {
        return;
      }
      var current = drag;
      drag = null;
      current.bar.setAttribute("y", current.barY);
      current.bar.classList.remove("hc-dragging");
      rows.forEach(function (each) {
        each.classList.remove("hc-drop-ok", "hc-drop-refused");
      });
      if (!drop || !current.moved) {
        return;
      }
      var row = rowAt(svgY(event));
      if (!row || row === current.from) {
        return;
      }
      var staffId = row.getAttribute("data-staff");
      if (!canMoveTo(current.select, staffId)) {
        return;
      }
      current.select.value = staffId;
      current.select.form.requestSubmit();
    }

    svg.addEventListener("pointerdown", function (event) {
      var bar = event.target.closest("[data-visit]");
      if (!bar || event.button !== 0) {
        return;
      }
      var select = moveSelect(bar.getAttribute("data-visit"));
      if (!select || !select.form) {
        return;
      }
      event.preventDefault();
      bar.setPointerCapture(event.pointerId);
      drag = {
        bar: bar,
        select: select,
        from: bar.closest("g[data-staff]"),
        barY: bar.getAttribute("y"),
        startY: svgY(event),
        startClient: [event.clientX, event.clientY],
        moved: false,
      };
    });

    svg.addEventListener("pointermove", function (event) {
      if (!drag) {
        return;
      }
      var dx = event.clientX - drag.startClient[0];
      var dy = event.clientY - drag.startClient[1];
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < DRAG_MIN) {
        return;
      }
      drag.moved = true;
      drag.bar.classList.add("hc-dragging");
      var y = svgY(event);
      drag.bar.setAttribute("y", parseFloat(drag.barY) + (y - drag.startY));
      mark(rowAt(y));
    });

    svg.addEventListener("pointerup", function (event) {
      end(event, true);
    });
    svg.addEventListener("pointercancel", function (event) {
      end(event, false);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        end(event, false);
      }
    });
  }

  function init() {
    var svg = document.querySelector("svg[data-timeline]");
    if (svg && svg.querySelector("[data-visit]")) {
      setup(svg);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
