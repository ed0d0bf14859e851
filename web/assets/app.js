// After htmx swaps part of a page: move focus to what changed and say it through the live
// region, so keyboard and screen-reader users know the form did something.
(function () {
  'use strict';
  document.addEventListener('htmx:beforeSwap', function (event) {
    // Refused forms and missing pages answer with a whole page: show it in place of <main>.
    if (event.detail.xhr.status >= 400) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
      event.detail.target = document.getElementById('main');
      event.detail.selectOverride = '#main';
    }
  });
  document.addEventListener('htmx:afterSettle', function (event) {
    // A poll (data-quiet) only refreshes figures: focus and the live region stay where they are.
    if (event.detail.elt && event.detail.elt.hasAttribute && event.detail.elt.hasAttribute('data-quiet')) return;
    var root = event.detail.target && event.detail.target.isConnected ? event.detail.target : document.getElementById('main');
    var scope = document.getElementById(root.id) || document;
    var focusTarget = scope.querySelector('[data-focus-after-swap]') || scope.querySelector('h1, h2');
    if (focusTarget) {
      if (!focusTarget.hasAttribute('tabindex')) focusTarget.setAttribute('tabindex', '-1');
      focusTarget.focus();
    }
    var message = scope.querySelector('[data-announce], [role="alert"]');
    var announcer = document.getElementById('announcer');
    if (announcer) {
      announcer.textContent = '';
      var text = message ? message.textContent.trim() : focusTarget ? focusTarget.textContent.trim() : '';
      setTimeout(function () { announcer.textContent = text; }, 50);
    }
  });
})();
