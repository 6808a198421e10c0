// Progressive touches; the page works without them. Keeps "20 s ago" true while the page stays open, and writes
// the tooltip of quiet days on the 90-day bar (date and 100 % or no data) from the bar's first date, and sends a
// problem report without leaving the page (the form posts and comes back by itself without this).
(function () {
  function ago(ms) {
    var s = Math.floor((Date.now() - ms) / 1000);
    if (s < 1) return 'just now';
    if (s < 60) return s + ' s ago';
    if (s < 3600) return Math.floor(s / 60) + ' min ago';
    if (s < 172800) return Math.floor(s / 3600) + ' h ago';
    return Math.floor(s / 86400) + ' days ago';
  }
  setInterval(function () {
    var els = document.querySelectorAll('[data-ago]');
    for (var i = 0; i < els.length; i++) els[i].textContent = ago(Number(els[i].getAttribute('data-ago')));
  }, 5000);
  document.addEventListener('mouseover', function (e) {
    var cell = e.target;
    if (cell.tagName !== 'I' || cell.hasAttribute('aria-label') || cell.hasAttribute('data-t')) return;
    var bar = cell.parentNode;
    if (!bar.getAttribute || !bar.getAttribute('data-from')) return;
    var index = Array.prototype.indexOf.call(bar.children, cell);
    var day = new Date(Date.parse(bar.getAttribute('data-from')) + index * 86400000);
    var date = day.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
    cell.setAttribute('data-t', date + ': ' + (cell.className === 'o' ? '100.00 %' : 'no data'));
  });
  document.addEventListener('submit', function (e) {
    var form = e.target;
    var id = form.getAttribute && form.getAttribute('data-report');
    if (!id || !window.fetch || !window.URLSearchParams) return;
    e.preventDefault();
    var status = document.getElementById('reported-' + id);
    fetch(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(new FormData(form)).toString(),
    }).then(function (res) {
      if (!res.ok) return res.json().then(function (p) { throw new Error(p.detail || p.title || String(res.status)); });
      var details = form.closest('details');
      if (details) details.open = false;
    }).then(function () {
      status.classList.add('shown');
    }, function (err) {
      status.textContent = 'The report could not be sent: ' + err.message;
      status.classList.add('shown');
    });
  });
})();
