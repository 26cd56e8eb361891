/* One by One: "Copy link" next to each FAQ answer and errata entry.
 * Without JavaScript it is a plain link to the answer's own page
 * (faq/<anchor>/); with it, a click copies that page's full address, made
 * from where the browser is, for pasting into a forum: its link preview
 * then states the answer (a #fragment would preview the whole FAQ). */
(function () {
  "use strict";
  function init() {
    document.querySelectorAll("a.obo-copy-link").forEach(function (link) {
      if (link.dataset.ready) return;
      link.dataset.ready = "1";
      link.addEventListener("click", function (event) {
        var url = new URL(link.getAttribute("href"), location.href);
        url.hash = "";
        url = url.href;
        if (!navigator.clipboard || !navigator.clipboard.writeText) return;
        event.preventDefault();
        navigator.clipboard.writeText(url).then(function () {
          link.textContent = "Link copied";
          link.setAttribute("data-copied", url);
          setTimeout(function () { link.textContent = link.dataset.label; }, 2000);
        }, function () { location.href = url; });
      });
      link.dataset.label = link.textContent;
    });
  }
  if (typeof window.document$ !== "undefined") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
