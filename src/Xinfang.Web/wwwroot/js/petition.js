// wb-petition: a filter box above the long lists of bodies on the petition page (select[data-filterable]).
// Without script the list is the same plain, grouped <select>; with it, typing hides the bodies whose name
// does not contain the text (and the groups left empty).
(function () {
  'use strict';
  var lists = document.querySelectorAll('select[data-filterable]');
  Array.prototype.forEach.call(lists, function (select, i) {
    var id = 'filter-' + i;
    var label = document.createElement('label');
    label.className = 'filter-input';
    label.htmlFor = id;
    label.textContent = select.getAttribute('data-filterable');
    var input = document.createElement('input');
    input.type = 'search';
    input.id = id;
    input.autocomplete = 'off';
    label.appendChild(input);
    var host = select.closest('label') || select; // never a label inside the list's own label
    host.parentNode.insertBefore(label, host);
    input.addEventListener('input', function () {
      var text = input.value.trim();
      Array.prototype.forEach.call(select.querySelectorAll('optgroup'), function (group) {
        var shown = 0;
        Array.prototype.forEach.call(group.querySelectorAll('option'), function (option) {
          var match = text === '' || option.textContent.indexOf(text) >= 0 || option.selected;
          option.hidden = !match;
          if (match) { shown++; }
        });
        group.hidden = shown === 0;
      });
    });
  });
})();
