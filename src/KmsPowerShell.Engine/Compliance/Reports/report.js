(function () {
  'use strict';
  var root = document.documentElement;
  var table = document.getElementById('findings-table');
  if (!table) { root.setAttribute('data-ready', 'true'); return; }
  var body = table.tBodies[0];
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var rows = Array.prototype.slice.call(body.rows);
  var filter = document.getElementById('filter');
  var severity = document.getElementById('severity-filter');
  var shown = document.getElementById('shown');
  var state = { key: 'severity', descending: true, text: '', severity: '' };

  function column(key) {
    for (var i = 0; i < headers.length; i++) if (headers[i].getAttribute('data-key') === key) return i;
    return -1;
  }
  function value(row, index) {
    var cell = row.cells[index];
    return cell.hasAttribute('data-value') ? cell.getAttribute('data-value') : cell.textContent.trim().toLowerCase();
  }
  function compare(a, b) {
    var x = Number(a), y = Number(b);
    if (a !== '' && b !== '' && !isNaN(x) && !isNaN(y)) return x - y;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  function sort() {
    var index = column(state.key);
    if (index < 0) { state.key = 'severity'; state.descending = true; index = column('severity'); }
    var sign = state.descending ? -1 : 1;
    // Each row's key read once, not in every comparison: thousands of rows sort at once.
    var keyed = rows.map(function (row) { return { row: row, key: value(row, index), order: Number(row.getAttribute('data-order')) }; });
    keyed.sort(function (a, b) { return sign * compare(a.key, b.key) || a.order - b.order; });
    rows = keyed.map(function (entry) { return entry.row; });
    var fragment = document.createDocumentFragment();
    rows.forEach(function (row) { fragment.appendChild(row); });
    body.appendChild(fragment);
    headers.forEach(function (header, i) {
      header.setAttribute('aria-sort', i === index ? (state.descending ? 'descending' : 'ascending') : 'none');
    });
    table.setAttribute('data-sorted-by', (state.descending ? '-' : '') + state.key);
  }
  function applyFilter() {
    var needle = state.text.toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var match = (!state.severity || row.getAttribute('data-severity') === state.severity) &&
        (!needle || row.textContent.toLowerCase().indexOf(needle) >= 0);
      row.hidden = !match;
      if (match) count++;
    });
    shown.textContent = count + ' of ' + rows.length + ' shown';
    filter.value = state.text;
    severity.value = state.severity;
  }
  function readHash() {
    var parameters = new URLSearchParams(location.hash.replace(/^#/, ''));
    var sortBy = parameters.get('sort');
    if (sortBy) { state.descending = sortBy.charAt(0) === '-'; state.key = sortBy.replace(/^-/, ''); }
    state.text = parameters.get('filter') || '';
    state.severity = parameters.get('severity') || '';
  }
  function writeHash() {
    var parameters = new URLSearchParams();
    parameters.set('sort', (state.descending ? '-' : '') + state.key);
    if (state.text) parameters.set('filter', state.text);
    if (state.severity) parameters.set('severity', state.severity);
    try { history.replaceState(null, '', '#' + parameters.toString()); } catch (e) { /* a file:// page may refuse */ }
  }
  headers.forEach(function (header) {
    var button = header.querySelector('button');
    if (!button) return;
    button.addEventListener('click', function () {
      var key = header.getAttribute('data-key');
      state.descending = key === state.key ? !state.descending : key === 'severity';
      state.key = key;
      sort(); writeHash();
    });
  });
  filter.addEventListener('input', function () { state.text = filter.value; applyFilter(); writeHash(); });
  severity.addEventListener('change', function () { state.severity = severity.value; applyFilter(); writeHash(); });
  window.addEventListener('hashchange', function () { readHash(); sort(); applyFilter(); });
  readHash(); sort(); applyFilter();
  root.setAttribute('data-ready', 'true');
})();
