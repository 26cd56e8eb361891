/* One by One: "Copy link" next to each FAQ answer and errata entry.
 * Without JavaScript it is a plain link to the anchor; with it, a click
 * copies the full address (page + anchor) for pasting into a forum. */
(function () {
  "use strict";
  function init() {
    document.querySelectorAll("a.obo-copy-link").forEach(function (link) {
      if (link.dataset.ready) return;
      link.dataset.ready = "1";
      link.addEventListener("click", function (event) {
        var url = location.origin + location.pathname + "#" + link.dataset.anchor;
        if (!navigator.clipboard || !navigator.clipboard.writeText) return;
        event.preventDefault();
        history.replaceState(null, "", "#" + link.dataset.anchor);
        navigator.clipboard.writeText(url).then(function () {
          link.textContent = "Link copied";
          link.setAttribute("data-copied", url);
          setTimeout(function () { link.textContent = link.dataset.label; }, 2000);
        }, function () { location.hash = link.dataset.anchor; });
      });
      link.dataset.label = link.textContent;
    });
  }
  if (typeof window.document$ !== "undefined") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
