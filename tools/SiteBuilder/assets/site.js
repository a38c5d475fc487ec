// Highlights code, typesets math, and runs the chapter search over window.MLPRIMER_SEARCH (assets/search-index.js).
(function () {
  if (window.hljs) document.querySelectorAll('pre.code code').forEach(function (el) { window.hljs.highlightElement(el); });
  if (window.renderMathInElement) {
    document.querySelectorAll('section.markdown').forEach(function (el) {
      window.renderMathInElement(el, {
        delimiters: [{ left: '$$', right: '$$', display: true }, { left: '\\[', right: '\\]', display: true },
                     { left: '\\(', right: '\\)', display: false }, { left: '$', right: '$', display: false }],
        throwOnError: false
      });
    });
  }

  var input = document.getElementById('search');
  var list = document.getElementById('search-results');
  var index = window.MLPRIMER_SEARCH || [];
  function snippet(text, word) {
    var at = text.toLowerCase().indexOf(word);
    var start = Math.max(0, at - 60);
    return (start > 0 ? '…' : '') + text.slice(start, start + 160) + (start + 160 < text.length ? '…' : '');
  }
  function search(query) {
    var words = query.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 1; });
    if (words.length === 0) return [];
    return index.filter(function (e) {
      var hay = (e.chapter + ' ' + e.heading + ' ' + e.text).toLowerCase();
      return words.every(function (w) { return hay.indexOf(w) >= 0; });
    }).slice(0, 20).map(function (e) { return { entry: e, snippet: snippet(e.text, words[0]) }; });
  }
  input.addEventListener('input', function () {
    var hits = search(input.value);
    list.innerHTML = '';
    hits.forEach(function (h) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = h.entry.page + (h.entry.anchor ? '#' + h.entry.anchor : '');
      a.textContent = h.entry.chapter + (h.entry.heading && h.entry.heading !== h.entry.chapter ? ' › ' + h.entry.heading : '');
      var p = document.createElement('p');
      p.textContent = h.snippet;
      li.appendChild(a); li.appendChild(p); list.appendChild(li);
    });
    if (input.value.trim() && hits.length === 0) {
      var none = document.createElement('li'); none.textContent = 'No section mentions all of these words.'; list.appendChild(none);
    }
    list.hidden = input.value.trim().length === 0;
  });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') { input.value = ''; list.hidden = true; } });
})();
