// Draw every Vega-Lite chart on the page from the JSON specification the server placed beside it.
(function () {
  function draw(root) {
    root.querySelectorAll("[data-vega-spec]").forEach(function (element) {
      if (element.dataset.drawn) return;
      var source = document.getElementById(element.dataset.vegaSpec);
      if (!source || typeof vegaEmbed === "undefined") return;
      element.dataset.drawn = "true";
      vegaEmbed(element, JSON.parse(source.textContent), {
        actions: { export: true, source: false, compiled: false, editor: false },
        renderer: "svg",
        downloadFileName: element.id,
      })
        .then(function () { element.dataset.rendered = "true"; })
        .catch(function (error) { element.textContent = "The chart could not be drawn: " + error; });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSwap", function (event) { draw(event.target); });
})();
