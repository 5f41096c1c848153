// Laat de widgetmanager zijn lettertypen (Font Awesome) uit de gevendorde map halen.
//
// De html-manager bepaalt de map van zijn bestanden op twee manieren: de hoofdbundel leest
// window.__jupyter_widgets_assets_path__, en de AMD-modules (@jupyter-widgets/base, controls,
// html-manager) nemen de map van hun eigen module-adres bij require.js. Zonder deze instellingen
// zoeken ze naast elke pagina (book/blok1/@jupyter-widgets/...), waar niets staat.
// Dit script staat vóór require.js; een globale 'require' is dan de configuratie van require.js.
// Het laadt zelf niets en verwijst alleen naar bestanden van het boek.
(function () {
  var hier = document.currentScript && document.currentScript.src;
  if (!hier) {
    return;
  }
  var map = new URL("vendor/html-manager/", hier).href;
  var basis = map.replace(/\/$/, "");
  var paden = {
    "@jupyter-widgets/html-manager/dist": basis,
    "@jupyter-widgets/html-manager": basis + "/html-manager",
    "@jupyter-widgets/base": basis + "/base",
    "@jupyter-widgets/controls": basis + "/controls"
  };
  window.__jupyter_widgets_assets_path__ = map;
  if (typeof window.require === "undefined") {
    window.require = { paths: paden };
  } else if (typeof window.require.config === "function") {
    window.require.config({ paths: paden });
  }
})();
