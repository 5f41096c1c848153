/* Toegankelijkheid van het thema (pydata-sphinx-theme) in het cursusboek, zie trainershandleiding/toegankelijkheid.
 * - De naam van een knop moet de zichtbare tekst bevatten (WCAG 2.5.3): de zoekknop met "Zoeken Ctrl + K"
 *   krijgt zijn naam uit die tekst, de kleurknop toont geen Engelse titels meer.
 * - Engelse teksten van het thema in het Nederlands. */
(function () {
  var vertaling = {
    "Skip to main content": "Naar de inhoud",
    "Back to top": "Terug naar boven",
    "Toggle primary sidebar": "Inhoudsopgave tonen of verbergen",
    "Toggle secondary sidebar": "Kopjes van deze pagina tonen of verbergen",
    "Color mode": "Kleurstand",
    "Link to this heading": "Link naar dit kopje",
    "previous page": "vorige pagina",
    "next page": "volgende pagina",
    "Site navigation": "Navigatie",
    "On this page": "Op deze pagina",
    "Search this book...": "Zoek in dit boek…"
  };
  function vertaal(el, attr) {
    var w = el.getAttribute(attr);
    if (w && vertaling[w.trim()]) { el.setAttribute(attr, vertaling[w.trim()]); }
  }
  function verbeter() {
    document.querySelectorAll(".search-button-field[aria-label]").forEach(function (knop) {
      knop.removeAttribute("aria-label");
    });
    document.querySelectorAll("summary").forEach(function (s) {
      if (!s.textContent.trim() && !s.getAttribute("aria-label")) {
        s.setAttribute("aria-label", "Onderliggende pagina's tonen of verbergen");
      }
    });
    document.querySelectorAll(".theme-switch-button .theme-switch").forEach(function (i) {
      i.removeAttribute("title");
      i.setAttribute("aria-hidden", "true");
    });
    document.querySelectorAll("[title], [aria-label], [data-bs-title], [placeholder]").forEach(function (el) {
      ["title", "aria-label", "data-bs-title", "placeholder"].forEach(function (a) { vertaal(el, a); });
    });
    document.querySelectorAll("a.skip-link, #pst-back-to-top, .prev-next-subtitle").forEach(function (el) {
      el.childNodes.forEach(function (n) {
        if (n.nodeType === 3 && vertaling[n.textContent.trim()]) { n.textContent = vertaling[n.textContent.trim()]; }
      });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", verbeter); } else { verbeter(); }
})();
