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
  // A refused form comes back as a whole page: its error summary takes the focus (GOV.UK).
  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.querySelector('[data-focus-on-load]');
    if (summary) summary.focus();
  });
  document.addEventListener('htmx:afterSettle', function (event) {
    // A polled refresh (data-quiet-swap): focus stays where the person is; only a finished state is announced.
    var trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (trigger && trigger.hasAttribute && trigger.hasAttribute('data-quiet-swap')) {
      var done = trigger.id && document.querySelector('#' + trigger.id + ' [data-announce]');
      var quietAnnouncer = document.getElementById('announcer');
      if (done && quietAnnouncer) quietAnnouncer.textContent = done.textContent.trim();
      return;
    }
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
  // Pages that offer keyboard shortcuts mark the area with data-shortcuts and each control
  // with data-shortcut="<key>": a link or button is pressed, a field gets the focus. They never
  // fire while typing in a field or together with a modifier key.
  document.addEventListener('keydown', function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1) return;
    var typing = event.target.closest && event.target.closest('input, select, textarea, [contenteditable]:not([contenteditable="false"])');
    if (typing) return;
    var scope = document.querySelector('[data-shortcuts]');
    if (!scope) return;
    var control = scope.querySelector('[data-shortcut="' + event.key.toLowerCase().replace(/["\\]/g, '') + '"]');
    if (!control) return;
    event.preventDefault();
    if (control.matches('input, select, textarea')) control.focus();
    else control.click();
  });
})();
