// Progressive touches for the console; every form works without them. Adds a "Copy" button beside a new token.
(function () {
  var token = document.getElementById('new-token');
  if (!token || !navigator.clipboard) return;
  var button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Copy token';
  button.addEventListener('click', function () {
    navigator.clipboard.writeText(token.textContent).then(function () {
      button.textContent = 'Copied';
    });
  });
  token.parentNode.appendChild(button);
})();
