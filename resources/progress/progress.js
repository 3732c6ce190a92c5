/* global document, window, history, fetch, URLSearchParams */
// Public progress lookup page (no framework, no inline script: the page is served with a strict CSP).
// A receipt QR opens /progress?case=…&code=…; the code is removed from the address bar at once so it
// does not stay in the history, bookmarks or a shared screenshot, then the lookup runs by POST.
(function () {
  'use strict';
  var form = document.getElementById('lookup');
  var caseInput = document.getElementById('caseNo');
  var codeInput = document.getElementById('code');
  var button = document.getElementById('submit');
  var message = document.getElementById('message');
  var result = document.getElementById('result');
  var list = document.getElementById('items');

  var params = new URLSearchParams(window.location.search);
  var fromQr = params.get('case') && params.get('code');
  if (params.get('case')) caseInput.value = params.get('case');
  if (params.get('code')) codeInput.value = params.get('code');
  if (params.has('code')) {
    params.delete('code');
    var rest = params.toString();
    history.replaceState(null, '', window.location.pathname + (rest ? '?' + rest : ''));
  }

  function say(text, isError) {
    message.textContent = text;
    message.className = isError ? 'error' : '';
  }

  function show(data) {
    document.getElementById('resultCase').textContent = data.caseNo;
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
      status.textContent = it.statusLabel;
      var when = document.createElement('span');
      when.className = 'when';
      when.textContent = '更新於 ' + it.updatedAt;
      li.appendChild(agency);
      li.appendChild(item);
      li.appendChild(status);
      li.appendChild(when);
      list.appendChild(li);
    });
    if (data.items.length === 0) say('平台尚未收到此案件的通報，請稍後再查。', false);
    result.hidden = false;
  }

  function lookup() {
    result.hidden = true;
    if (!caseInput.value.trim() || !codeInput.value.trim()) {
      say('請輸入案件編號與查詢碼。', true);
      return;
    }
    button.disabled = true;
    say('查詢中…', false);
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
          say('', false);
          show(r.body);
          return;
        }
        var text = r.body && r.body.error && r.body.error.message ? r.body.error.message : '查詢失敗，請稍後再試。';
        if (r.res.status === 429) {
          var after = Number(r.res.headers.get('Retry-After'));
          if (after > 0) text += '（約 ' + Math.ceil(after / 60) + ' 分鐘後可再查詢）';
        }
        say(text, true);
      })
      .catch(function () {
        say('無法連線到平台，請檢查網路後再試。', true);
      })
      .then(function () {
        button.disabled = false;
      });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    lookup();
  });
  if (fromQr) lookup();
})();
