// Keeps "20 s ago" true while the page stays open. The page works without it.
(function () {
  function ago(ms) {
    var s = Math.floor((Date.now() - ms) / 1000);
    if (s < 1) return 'just now';
    if (s < 60) return s + ' s ago';
    if (s < 3600) return Math.floor(s / 60) + ' min ago';
    if (s < 172800) return Math.floor(s / 3600) + ' h ago';
    return Math.floor(s / 86400) + ' days ago';
  }
  function tick() {
    var els = document.querySelectorAll('[data-ago]');
    for (var i = 0; i < els.length; i++) els[i].textContent = ago(Number(els[i].getAttribute('data-ago')));
  }
  setInterval(tick, 5000);
})();
