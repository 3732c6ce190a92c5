/* global document, window, history, fetch, URLSearchParams, PROGRESS_TEXTS */
// Public progress lookup page (no framework, no inline script: the page is served with a strict CSP).
// A receipt QR opens /progress?case=…&code=…; the code is removed from the address bar at once so it
// does not stay in the history, bookmarks or a shared screenshot, then the lookup runs by POST.
// PROGRESS_TEXTS (every language's strings) is bundled in front of this file by the platform
// (platform/progress/page.ts): the language switch works in place, with no request that can fail.
(function () {
  'use strict';
  var form = document.getElementById('lookup');
  var caseInput = document.getElementById('caseNo');
  var codeInput = document.getElementById('code');
  var button = document.getElementById('submit');
  var message = document.getElementById('message');
  var result = document.getElementById('result');
  var list = document.getElementById('items');
  var select = document.getElementById('lang');

  var lang = select.value;
  /** What is on screen, kept as data so a language switch can say it again in the new language. */
  var shown = { data: null, message: null };

  function t(key, vars) {
    var text = PROGRESS_TEXTS.texts[lang][key];
    if (text === undefined) text = PROGRESS_TEXTS.texts['zh-TW'][key] || '';
    return text.replace(/\{(\w+)\}/g, function (m, name) {
      return vars && vars[name] !== undefined ? String(vars[name]) : m;
    });
  }

  // The platform writes times as ROC dates (`115/11/27 14:05`); outside Traditional Chinese the
  // Western year reads better (ROC year + 1911).
  function when(rocDateTime) {
    if (lang === 'zh-TW') return rocDateTime;
    var m = /^(\d{2,3})\/(\d{2})\/(\d{2}) (\d{2}:\d{2})$/.exec(rocDateTime);
    return m ? Number(m[1]) + 1911 + '-' + m[2] + '-' + m[3] + ' ' + m[4] : rocDateTime;
  }

  var params = new URLSearchParams(window.location.search);
  var fromQr = params.get('case') && params.get('code');
  if (params.get('case')) caseInput.value = params.get('case');
  if (params.get('code')) codeInput.value = params.get('code');
  if (params.has('code')) {
    params.delete('code');
    var rest = params.toString();
    history.replaceState(null, '', window.location.pathname + (rest ? '?' + rest : ''));
  }

  function say(key, vars, isError) {
    shown.message = key ? { key: key, vars: vars, isError: isError } : null;
    message.textContent = key ? t(key, vars) + (vars && vars.after ? t('msg.retryAfter', { minutes: vars.after }) : '') : '';
    message.className = isError ? 'error' : '';
  }

  function show(data) {
    shown.data = data;
    document.getElementById('resultHeading').textContent = t('result.heading', { caseNo: data.caseNo });
    list.textContent = '';
    data.items.forEach(function (it) {
      var li = document.createElement('li');
      var agency = document.createElement('div');
      agency.className = 'agency';
      agency.textContent = it.agencyName;
      var item = document.createElement('div');
      item.textContent = it.itemName;
      var status = document.createElement('span');
      status.className = 'status ' + it.status;
      var label = PROGRESS_TEXTS.texts[lang]['status.' + it.status];
      status.textContent = label !== undefined ? label : lang === 'zh-TW' ? it.statusLabel : t('status.other');
      var time = document.createElement('span');
      time.className = 'when';
      time.textContent = t('result.updatedAt', { time: when(it.updatedAt) });
      li.appendChild(agency);
      li.appendChild(item);
      li.appendChild(status);
      li.appendChild(time);
      list.appendChild(li);
    });
    if (data.items.length === 0) say('result.empty', null, false);
    result.hidden = false;
  }

  /** The platform's error code → this page's own words for it (the platform answers in zh-TW only). */
  var ERROR_KEYS = { NOT_FOUND: 'msg.noData', INPUT_INVALID: 'msg.invalidInput', RATE_LIMITED: 'msg.rateLimited' };

  function lookup() {
    result.hidden = true;
    shown.data = null;
    if (!caseInput.value.trim() || !codeInput.value.trim()) {
      say('msg.missingInput', null, true);
      return;
    }
    button.disabled = true;
    say('msg.searching', null, false);
    fetch('/v1/progress', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ caseNo: caseInput.value, code: codeInput.value }),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    })
      .then(function (res) {
        return res.json().then(
          function (body) { return { res: res, body: body }; },
          function () { return { res: res, body: null }; }
        );
      })
      .then(function (r) {
        if (r.res.ok && r.body) {
          say(null, null, false);
          show(r.body);
          return;
        }
        var code = r.body && r.body.error ? r.body.error.code : null;
        var after = r.res.status === 429 ? Math.ceil(Number(r.res.headers.get('Retry-After')) / 60) : 0;
        say(ERROR_KEYS[code] || 'msg.failed', after > 0 ? { after: after } : null, true);
      })
      .catch(function () {
        say('msg.offline', null, true);
      })
      .then(function () {
        button.disabled = false;
      });
  }

  /** Says everything on the page again in `next`, and keeps it in the address (?lang=) for a reload or a shared link. */
  function switchTo(next) {
    if (!PROGRESS_TEXTS.texts[next]) return;
    lang = next;
    document.documentElement.lang = PROGRESS_TEXTS.htmlLang[next];
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (el) {
      el.textContent = t(el.getAttribute('data-i18n'));
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n-placeholder]'), function (el) {
      el.placeholder = t(el.getAttribute('data-i18n-placeholder'));
    });
    if (shown.data) show(shown.data);
    if (shown.message) say(shown.message.key, shown.message.vars, shown.message.isError);
    var p = new URLSearchParams(window.location.search);
    p.set('lang', next);
    history.replaceState(null, '', window.location.pathname + '?' + p.toString());
  }

  // With the script, the switch acts at once (arrow keys on the focused list too); its button is
  // for a browser without the script, where the form reloads the page in the chosen language.
  document.getElementById('languageApply').hidden = true;
  select.addEventListener('change', function () {
    switchTo(select.value);
  });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    lookup();
  });
  if (fromQr) lookup();
})();
