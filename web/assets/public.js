// The in-mover's pages work without this; with it, a refused form moves focus to its
// error summary on load, as the GOV.UK pattern does.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.querySelector('.error-summary');
    if (summary) summary.focus();
  });
})();
