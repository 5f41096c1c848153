"""Toegankelijkheid van de oefenweergaven: opmaak (CSS) en een klein script, in elke weergave meegestuurd.

Waarom zo: ipywidgets kent geen ARIA-attributen, geen ``lang`` en geen eigen toetsafhandeling, en een
eigen JupyterLab-extensie zou een bouwstap met Node vragen. Daarom stuurt elke oefenweergave één
``widgets.HTML`` mee met een ``<style>`` en een onzichtbaar plaatje (een ingebakken GIF van 1 pixel,
dus geen verzoek over het netwerk) waarvan de ``onload`` het script start. Dat werkt zowel in
JupyterLab als in de statische weergave van het boek, want beide zetten de HTML met ``innerHTML``.

Het script (één keer per pagina, daarna alleen nog bijwerken):

- zet ``lang="nl"`` op elke oefenweergave (WCAG 3.1.2);
- houdt toetsaanslagen in een widget (ook de knoppen "Controleer mijn opdracht" en "Toon uitwerking",
  die buiten een oefenweergave staan) weg van de sneltoetsen van JupyterLab, zodat pijltjes een
  keuzelijst bedienen en een "b" op een knop geen cel invoegt (Tab, Shift+Enter en Ctrl/Cmd-combinaties
  gaan wel door);
- geeft wisselknoppen ``aria-pressed`` en hun groep een naam (WCAG 4.1.2);
- koppelt elk invoerveld aan zijn zichtbare titel (een element met klasse ``regie-label``) met
  ``aria-labelledby``; anders blijft de ``title`` (de tooltip) de naam;
- geeft elk plaatje een ``alt`` uit de verborgen tekst erna (``alt_widget``), anders uit zijn ``title``.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from samenwerkingscode.widgets._opmaak import layout, maak

KLEUR_KERN = "#1e6b3a"
"""Groen van de kit; wit erop haalt 6,9:1."""
KLEUR_FOCUS = "#1a4f8b"
"""Focusring: 8,6:1 tegen wit en 7,4:1 tegen het grijs van een knop."""
MARGE = "var(--jp-widgets-margin, 2px)"
"""De marge die ipywidgets om elk element zet: een breedte van 100% plus deze marge steekt uit."""

CSS = f"""
.regie-oefening {{ container-type: inline-size; max-width: 100%; box-sizing: border-box; }}
.regie-oefening, .regie-oefening .widget-html-content {{ overflow-wrap: anywhere; }}
.regie-oefening h4 {{ overflow-wrap: anywhere; hyphens: auto; }}
.regie-oefening textarea, .regie-oefening input[type=text] {{
  font-family: var(--jp-ui-font-family, system-ui, sans-serif); box-sizing: border-box; max-width: 100%;
}}
.regie-oefening textarea::placeholder, .regie-oefening input::placeholder {{ color: #5f6b73; opacity: 1; }}
.jupyter-widgets.jupyter-button {{ border: 1px solid #6b7780; color: #1d2327; background: #f2f4f5; }}
.jupyter-widgets.jupyter-button:disabled {{ opacity: 0.75; }}
.regie-oefening .jupyter-button.mod-active, .regie-oefening .widget-toggle-button.mod-active {{
  background: {KLEUR_KERN} !important; color: #fff !important; border-color: #0d3b1f;
  box-shadow: inset 0 0 0 2px #0d3b1f; font-weight: 600;
}}
.regie-oefening .widget-toggle-button.mod-active::before {{ content: "\\2713\\00a0" / ""; }}
.jupyter-widgets.jupyter-button.mod-primary {{ background: #1a4f8b; color: #fff; }}
.jupyter-widgets.jupyter-button.mod-info {{ background: #0b5c6b; color: #fff; }}
.jupyter-widgets.jupyter-button.mod-success {{ background: {KLEUR_KERN}; color: #fff; }}
.jupyter-widgets.jupyter-button.mod-warning {{ background: #a14400; color: #fff; }}
.jupyter-widgets.jupyter-button.mod-danger {{ background: #a11d1d; color: #fff; }}
.jupyter-widgets.jupyter-button:focus-visible, .jupyter-widgets select:focus-visible,
.jupyter-widgets textarea:focus-visible, .jupyter-widgets input:focus-visible {{
  outline: 3px solid {KLEUR_FOCUS} !important; outline-offset: 2px; box-shadow: 0 0 0 5px #fff;
}}
.regie-oefening .widget-toggle-buttons .widget-toggle-button {{
  width: auto; min-width: 5em; height: auto; min-height: var(--jp-widgets-inline-height, 28px);
  white-space: normal; overflow: visible; text-overflow: clip; line-height: 1.2; padding: 4px 10px;
}}
.regie-oefening .widget-toggle-buttons > div {{ display: flex; flex-wrap: wrap; gap: 4px; }}
.regie-oefening .widget-toggle-buttons .widget-label {{ overflow: visible; white-space: normal; }}
.regie-oefening .widget-dropdown select {{ max-width: 100%; text-overflow: clip; }}
.regie-oefening .widget-progress .progress-bar {{ background-color: {KLEUR_KERN}; }}
.regie-oefening .widget-hbox {{ flex-wrap: wrap; max-width: 100%; }}
.regie-oefening .widget-inline-hbox {{ flex-wrap: wrap; }}
.regie-oefening .jupyter-widgets:not(.widget-box) {{ max-width: calc(100% - 2 * {MARGE}); }}
.regie-oefening .widget-box {{ max-width: 100%; }}
.regie-oefening .widget-checkbox {{ height: auto; }}
.regie-oefening .widget-checkbox .widget-label-basic {{
  white-space: normal; overflow: visible; text-overflow: clip; height: auto; line-height: 1.3; min-width: 0;
}}
.regie-oefening img.widget-image {{ height: auto; margin-left: 0; margin-right: 0; }}
@container (max-width: 620px) {{
  .regie-oefening .widget-gridbox {{ grid-template-columns: minmax(0, 1fr) !important; }}
  .regie-oefening .widget-gridbox > * {{ grid-column: 1 !important; grid-row: auto !important; }}
  .regie-oefening .widget-hbox > * {{ width: auto !important; flex: 1 1 100% !important; min-width: 0; }}
  .regie-oefening .widget-hbox > .widget-button, .regie-oefening .widget-hbox > .jupyter-button {{
    width: auto !important; flex: 0 1 auto !important;
  }}
  .regie-oefening .widget-inline-hbox {{ width: auto !important; align-self: stretch; min-width: 0; }}
  .regie-oefening .widget-inline-hbox .widget-label {{
    width: 100% !important; text-align: left; white-space: normal; height: auto; line-height: 1.3;
  }}
  .regie-oefening .widget-textarea textarea, .regie-oefening .widget-dropdown select {{ width: 100%; min-width: 0; }}
}}
"""

SCRIPT = r"""(function () {
  if (window.regieToegankelijk) { window.regieToegankelijk(); return; }
  var gepland = false, teller = 0;
  function id(el) { if (!el.id) { el.id = 'regie-a11y-' + (++teller); } return el.id; }
  function zet(el, naam, waarde) { if (el.getAttribute(naam) !== waarde) { el.setAttribute(naam, waarde); } }
  function label(controle) {
    var vak = controle.closest('.jupyter-widgets:not(.widget-box)') || controle;
    var kandidaten = [vak.previousElementSibling, vak.nextElementSibling];
    for (var i = 0; i < kandidaten.length; i++) {
      var k = kandidaten[i];
      var l = k && (k.classList.contains('regie-label') ? k : k.querySelector('.regie-label'));
      if (l && l.textContent.trim()) { return l; }
    }
    return null;
  }
  function toetsen(e) {
    if (!e.target.closest || !e.target.closest('.jupyter-widgets')) { return; }
    if (e.key === 'Tab' || e.ctrlKey || e.metaKey || (e.shiftKey && e.key === 'Enter')) { return; }
    e.stopPropagation();
  }
  function verbeter() {
    gepland = false;
    document.querySelectorAll('.jp-OutputArea-output').forEach(function (uit) {
      if (uit.regieToetsen || !uit.querySelector('.regie-oefening, .regie-toegankelijk, .jupyter-widgets')) { return; }
      uit.regieToetsen = true;
      zet(uit, 'lang', 'nl');
      uit.addEventListener('keydown', toetsen);
    });
    document.querySelectorAll('.regie-oefening').forEach(function (kader) {
      zet(kader, 'lang', 'nl');
      if (!kader.regieToetsen) { kader.regieToetsen = true; kader.addEventListener('keydown', toetsen); }
      kader.querySelectorAll('.widget-toggle-buttons').forEach(function (groep) {
        zet(groep, 'role', 'group');
        var l = groep.querySelector(':scope > .widget-label');
        if (l && l.textContent.trim() && l.style.display !== 'none') { zet(groep, 'aria-labelledby', id(l)); }
      });
      kader.querySelectorAll('button.widget-toggle-button').forEach(function (knop) {
        zet(knop, 'aria-pressed', knop.classList.contains('mod-active') ? 'true' : 'false');
      });
      kader.querySelectorAll('select, textarea, input:not([type=checkbox])').forEach(function (veld) {
        var l = label(veld);
        if (l) { zet(veld, 'aria-labelledby', id(l)); }
      });
      kader.querySelectorAll('img').forEach(function (img) {
        if (img.classList.contains('regie-hulp')) { return; }
        var volgende = img.nextElementSibling;
        var tekst = volgende && volgende.querySelector('.regie-alt');
        zet(img, 'alt', tekst ? tekst.textContent.trim() : (img.getAttribute('title') || ''));
      });
    });
  }
  window.regieToegankelijk = function () {
    if (!gepland) { gepland = true; window.requestAnimationFrame(verbeter); }
  };
  new MutationObserver(window.regieToegankelijk).observe(document.body, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'title']
  });
  window.regieToegankelijk();
})();"""

LEEG_GIF = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


def hulp_html() -> str:
    """De HTML die opmaak en script meebrengt; het plaatje is verborgen en heeft een lege alt."""
    return (
        f"<style>{CSS}</style>"
        f'<img class="regie-hulp" src="{LEEG_GIF}" alt="" aria-hidden="true" style="display:none" '
        f'onload="{html.escape(SCRIPT, quote=True)}">'
    )


def hulpwidget() -> widgets.HTML:
    """Een onzichtbare ``widgets.HTML`` met de opmaak en het script voor één oefenweergave."""
    hulp = maak(widgets.HTML, hulp_html(), layout=layout(height="0px", margin="0", overflow="hidden"))
    hulp.add_class("regie-toegankelijk")
    return hulp


def alt_widget() -> widgets.HTML:
    """Verborgen tekstalternatief voor het plaatje ervóór (``widgets.Image`` kent geen alt en geen tooltip)."""
    return maak(widgets.HTML, layout=layout(display="none"))


def alt_html(tekst: str) -> str:
    """De waarde voor ``alt_widget``: het script zet deze tekst als ``alt`` op het plaatje."""
    return f'<span class="regie-alt">{html.escape(tekst)}</span>'
