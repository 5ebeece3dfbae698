// Defect Radar dashboard: fetches the server-rendered parts of a page with the user's API key, and sends
// alert transitions to the API. Plain browser JavaScript, no framework, nothing loaded from elsewhere.
(function () {
  'use strict';
  var KEY = 'defect-radar.api-key';
  var ACTOR = 'defect-radar.actor';
  var content = document.getElementById('content');
  var flash = document.getElementById('flash');
  var keyInput = document.getElementById('api-key');
  var keyState = document.getElementById('key-state');
  var lastHtml = null;

  function key() { return sessionStorage.getItem(KEY); }

  function headers(json) {
    var h = { 'Accept': json ? 'application/json' : 'text/html' };
    if (key()) { h['Authorization'] = 'Bearer ' + key(); }
    if (json) { h['Content-Type'] = 'application/json'; }
    return h;
  }

  function say(text, kind) {
    flash.textContent = text || '';
    flash.className = text ? (kind || 'info') : '';
  }

  function showKeyState() {
    keyState.textContent = key() ? 'key in use for this tab' : 'no key';
  }

  function problemText(response, body) {
    if (body && body.detail) { return body.detail; }
    return 'The service answered ' + response.status + '.';
  }

  function readProblem(response) {
    return response.json().catch(function () { return null; });
  }

  function load() {
    return fetch(content.dataset.part, { headers: headers(false), cache: 'no-store' }).then(function (response) {
      if (response.status === 401 || response.status === 403) {
        content.dataset.state = 'locked';
        content.innerHTML = '<p class="empty" id="need-key">' + (response.status === 401
          ? 'Enter an API key with the engineer or admin role above to see alerts.'
          : 'This key may not read alerts: an engineer or admin key is needed.') + '</p>';
        lastHtml = null;
        return;
      }
      if (!response.ok) {
        return readProblem(response).then(function (body) {
          content.dataset.state = 'error';
          say(problemText(response, body), 'error');
        });
      }
      return response.text().then(function (html) {
        if (html !== lastHtml) {
          content.innerHTML = html;
          lastHtml = html;
          bind();
        }
        content.dataset.state = 'loaded';
        content.removeAttribute('aria-busy');
      });
    }).catch(function () {
      say('The service cannot be reached; retrying.', 'error');
    });
  }

  function bind() {
    var actor = document.getElementById('actor');
    if (actor && !actor.value) { actor.value = sessionStorage.getItem(ACTOR) || ''; }
    Array.prototype.forEach.call(content.querySelectorAll('button[data-action]'), function (button) {
      button.addEventListener('click', function () { transition(button.dataset.action, button); });
    });
  }

  var PAST = { acknowledge: 'acknowledged', resolve: 'resolved', dismiss: 'dismissed' };

  function transition(action, button) {
    var page = content.querySelector('[data-alert-id]');
    var actorInput = document.getElementById('actor');
    var noteInput = document.getElementById('note');
    var actor = (actorInput && actorInput.value.trim()) || 'dashboard';
    sessionStorage.setItem(ACTOR, actor);
    var body = { actor: actor, note: noteInput && noteInput.value.trim() ? noteInput.value.trim() : null };
    button.disabled = true;
    say('Sending…');
    return fetch('/api/v1/alerts/' + encodeURIComponent(page.dataset.alertId) + '/' + action, {
      method: 'POST', headers: headers(true), body: JSON.stringify(body)
    }).then(function (response) {
      if (response.ok) {
        say('Alert ' + PAST[action] + '.', 'ok');
        return load();
      }
      return readProblem(response).then(function (problem) {
        button.disabled = false;
        if (response.status === 404 || response.status === 405) {
          say('This service does not offer alert transitions (' + response.status + ').', 'error');
        } else if (response.status === 401 || response.status === 403) {
          say('This key may not change alerts: an engineer or admin key is needed.', 'error');
        } else {
          say(problemText(response, problem), 'error');
        }
      });
    }).catch(function () {
      button.disabled = false;
      say('The service cannot be reached.', 'error');
    });
  }

  document.getElementById('key-form').addEventListener('submit', function (event) {
    event.preventDefault();
    if (keyInput.value.trim()) { sessionStorage.setItem(KEY, keyInput.value.trim()); }
    keyInput.value = '';
    showKeyState();
    say('');
    lastHtml = null;
    load();
  });
  document.getElementById('forget-key').addEventListener('click', function () {
    sessionStorage.removeItem(KEY);
    showKeyState();
    lastHtml = null;
    load();
  });

  showKeyState();
  load();
  var seconds = parseInt(content.dataset.refresh || '0', 10);
  if (seconds > 0) { setInterval(load, seconds * 1000); }
})();
