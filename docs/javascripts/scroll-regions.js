/* One by One: a region that scrolls sideways (a wide table, say) must be
 * reachable by keyboard (WCAG 2.1.1). Material wraps tables at run time, so
 * give each wrapper a tab stop and a name once it exists. */
(function () {
  "use strict";
  function init() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.hasAttribute("tabindex")) return;
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Table, scrolls sideways");
    });
  }
  if (typeof window.document$ !== "undefined") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
