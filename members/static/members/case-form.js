// Progressive enhancement: show only the building blocks of the chosen perspectives.
(function () {
  var data = document.getElementById("block-perspectives");
  var blocks = document.getElementById("id_building_blocks");
  var perspectives = document.getElementById("id_perspectives");
  if (!data || !blocks || !perspectives) return;
  var map = JSON.parse(data.textContent);
  function update() {
    var chosen = [];
    perspectives.querySelectorAll("input[type=checkbox]:checked").forEach(function (input) {
      chosen.push(input.value);
    });
    blocks.querySelectorAll("[data-choice-value]").forEach(function (row) {
      var perspective = map[row.dataset.choiceValue];
      var show = chosen.length === 0 || chosen.indexOf(perspective) !== -1;
      row.hidden = !show;
      if (!show) row.querySelector("input").checked = false;
    });
  }
  perspectives.addEventListener("change", update);
  update();
})();
