// The Zalo chat simulator's page. Everything shown comes from the OA's API calls and from users:
// it is treated as hostile and only ever reaches the page as text (textContent) or as a checked
// http(s) / same-origin URL, never as HTML. No inline handlers: the page runs under script-src 'self'.
(function () {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  var state = { oa: null, user: null, group: null, accounts: [], messages: new Map(), source: null, received: new Set(), seen: new Set() };
  var REACTIONS = { '/-heart': '❤️', '/-strong': '👍', ':>': '😆', ':o': '😮', ':-((': '😭', '--b': '😓', ':-h': '😡' };
  var STICKERS = [['8d3a2f7e6b5c4d1e0f9a', '😀'], ['bfe458bf64fa8da4d4eb', '👍'], ['1c2d3e4f5a6b7c8d9e0f', '❤️'], ['a1b2c3d4e5f60718293a', '😢'], ['0f1e2d3c4b5a69788796', '🙏'], ['77aa88bb99cc00dd11ee', '🎉']];

  // ---- small helpers --------------------------------------------------------------------

  function el(tag, props) {
    var e = document.createElement(tag);
    var key;
    for (key in props || {}) {
      var v = props[key];
      if (v === null || v === undefined || v === false) { continue; }
      if (key === 'class') { e.className = v; }
      else if (key === 'text') { e.textContent = v; }
      else if (key === 'click') { e.addEventListener('click', v); }
      else if (key.indexOf('on') === 0) { continue; } // never an inline handler
      else { e.setAttribute(key, v === true ? '' : String(v)); }
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) { continue; }
      e.append(c);
    }
    return e;
  }

  // Our own rewritten paths (zalo/...) or absolute http(s) URLs; anything else (javascript:,
  // data:, relative tricks) is dropped.
  function safeUrl(u) {
    if (typeof u !== 'string' || u.length === 0) { return null; }
    if (/^zalo\/(media|article)\/[A-Za-z0-9._-]+$/.test(u)) { return u; }
    try {
      var parsed = new URL(u);
      return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
    } catch (e) { return null; }
  }

  function str(v) { return typeof v === 'string' ? v : (typeof v === 'number' ? String(v) : ''); }
  function digits(v) { return str(v).replace(/[^0-9+]/g, ''); }
  function enc(v) { return encodeURIComponent(v); }

  function showStatus(text, isError) {
    var s = $('status');
    s.textContent = text || '';
    s.className = isError ? 'hint error' : 'hint';
  }

  function post(path, body) {
    return fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-Zalo-Simulator': '1' },
      body: JSON.stringify(body)
    }).then(answer);
  }

  function answer(r) {
    return r.text().then(function (t) {
      var json = {};
      try { json = t ? JSON.parse(t) : {}; } catch (e) { json = { error: 'HTTP ' + r.status }; }
      if (!r.ok) { showStatus(json.error || ('HTTP ' + r.status), true); throw new Error(json.error || r.status); }
      if (json.webhookStatus !== undefined && (json.webhookStatus < 200 || json.webhookStatus >= 300)) {
        showStatus('Ứng dụng trả lời webhook với HTTP ' + json.webhookStatus + '.', true);
      } else { showStatus(''); }
      return json;
    });
  }

  function who() { var o = { oaId: state.oa, userId: state.user }; if (state.group) { o.groupId = state.group; } return o; }
  function withWho(extra) { var o = who(); for (var k in extra) { o[k] = extra[k]; } return o; }

  // ---- accounts, selection, live stream -------------------------------------------------

  function currentOa() { return state.accounts.find(function (a) { return a.oaId === state.oa; }) || null; }
  function currentUser() { var oa = currentOa(); return oa ? oa.users.find(function (u) { return u.userId === state.user; }) || null : null; }
  function currentGroup() { var oa = currentOa(); return oa && state.group ? (oa.groups || []).find(function (g) { return g.groupId === state.group; }) || null : null; }
  function has(list, id) { return Array.isArray(list) && list.indexOf(id) >= 0; }

  function renderAccounts() {
    var oaSelect = $('oa');
    oaSelect.replaceChildren.apply(oaSelect, state.accounts.map(function (a) {
      return el('option', { value: a.oaId, selected: a.oaId === state.oa, text: a.name + ' (' + a.oaId + ')' });
    }));
    var oa = currentOa();
    var users = oa ? oa.users : [];
    var userSelect = $('user');
    userSelect.replaceChildren.apply(userSelect, [el('option', { value: '', text: users.length ? '— chọn —' : '(chưa có người dùng)' })].concat(users.map(function (u) {
      return el('option', { value: u.userId, selected: u.userId === state.user, text: u.displayName + ' · ' + u.userId + (u.isFollower ? '' : ' (chưa quan tâm)') });
    })));
    var groups = oa && Array.isArray(oa.groups) ? oa.groups : [];
    var conversation = $('conversation');
    conversation.replaceChildren.apply(conversation, [el('option', { value: '', selected: !state.group, text: 'Chat với OA' })].concat(groups.map(function (g) {
      return el('option', { value: g.groupId, selected: g.groupId === state.group, text: 'Nhóm: ' + g.name + (g.enabled ? '' : ' (bị vô hiệu)') });
    })));
    var user = currentUser();
    var group = currentGroup();
    var member = !!(group && user && has(group.members, user.userId));
    $('oa-name').textContent = group ? group.name : (oa ? oa.name : 'Official Account');
    $('oa-avatar').textContent = group ? initials(group.name) : (oa ? initials(oa.name) : 'OA');
    $('oa-sub').textContent = group ? 'Nhóm của ' + oa.name + (user ? ' · Bạn: ' + user.displayName : '') : (user ? 'Bạn: ' + user.displayName : 'Official Account');
    var follow = $('follow');
    follow.hidden = !user;
    follow.disabled = false;
    if (group) {
      // In a group the button joins (or asks to join) and leaves.
      var waiting = !!(user && has(group.pending, user.userId));
      follow.textContent = member ? 'Rời nhóm' : waiting ? 'Đang chờ duyệt' : 'Tham gia nhóm';
      follow.disabled = waiting;
      follow.classList.toggle('following', member);
      $('follow-banner').textContent = 'Bạn chưa ở trong nhóm này. Tham gia để nhắn tin trong nhóm.';
      $('follow-banner').hidden = !user || member;
    } else {
      follow.textContent = user && user.isFollower ? 'Bỏ quan tâm' : 'Quan tâm';
      follow.classList.toggle('following', !!(user && user.isFollower));
      $('follow-banner').textContent = 'Bạn chưa quan tâm OA này. Quan tâm để nhận tin tư vấn.';
      $('follow-banner').hidden = !user || user.isFollower;
    }
    var canWrite = !!user && (!group || member);
    $('empty').hidden = !!user && state.messages.size > 0;
    $('empty').textContent = !user ? 'Chọn hoặc thêm một người dùng để bắt đầu.' : group ? 'Chưa có tin nhắn trong nhóm.' : 'Chưa có tin nhắn. Hãy gửi một tin nhắn cho OA.';
    $('text').disabled = !canWrite;
    $('send').disabled = !canWrite;
    $('plus').disabled = !canWrite;
    // A group takes text and stickers from the simulator; files, photos and places go to the OA.
    Array.prototype.forEach.call(document.querySelectorAll('[data-pick], [data-sheet="location"]'), function (b) { b.hidden = !!group; });
  }

  function initials(name) {
    return str(name).split(/\s+/).filter(Boolean).slice(-2).map(function (w) { return w[0]; }).join('').toUpperCase() || 'OA';
  }

  function select(oa, user, group) {
    state.oa = oa;
    state.user = user || null;
    state.group = group || null;
    var q = new URLSearchParams();
    if (oa) { q.set('oa', oa); }
    if (user) { q.set('user', user); }
    if (state.group) { q.set('group', state.group); }
    history.replaceState(null, '', '?' + q.toString());
    state.messages.clear();
    state.received.clear();
    state.seen.clear();
    $('chat').replaceChildren();
    // On a phone the chat gets the screen once someone is chosen; the controls fold away.
    if (user && window.matchMedia('(max-width: 760px)').matches) { $('controls').open = false; }
    renderAccounts();
    connect();
  }

  function connect() {
    if (state.source) { state.source.close(); state.source = null; }
    if (!state.oa) { return; }
    var url = 'api/events?oa=' + enc(state.oa) + (state.user ? '&user=' + enc(state.user) : '') + (state.group ? '&group=' + enc(state.group) : '');
    var source = new EventSource(url, { withCredentials: true });
    source.addEventListener('accounts', function (e) {
      state.accounts = JSON.parse(e.data);
      renderAccounts();
    });
    source.addEventListener('messages', function (e) {
      var chat = $('chat');
      var atBottom = chat.scrollHeight - chat.scrollTop - chat.clientHeight < 80;
      JSON.parse(e.data).forEach(upsert);
      $('empty').hidden = state.messages.size > 0 || !state.user;
      if (atBottom) { chat.scrollTop = chat.scrollHeight; }
      reportShown();
    });
    state.source = source;
  }

  // ---- messages -------------------------------------------------------------------------

  function upsert(m) {
    state.messages.set(m.id, m);
    var chat = $('chat');
    var li = renderMessage(m);
    var existing = Array.prototype.find.call(chat.children, function (c) { return c.dataset.id === m.id; });
    if (existing) { existing.replaceWith(li); return; }
    var next = Array.prototype.find.call(chat.children, function (c) { return Number(c.dataset.seq) > m.seq; }) || null;
    chat.insertBefore(li, next);
  }

  function renderMessage(m) {
    // In a group the others (the OA, other members) are on the left, named; the viewer on the right.
    var left = state.group ? !m.mine : m.fromOa;
    var li = el('li', { class: 'msg ' + (left ? 'from-oa' : 'from-user'), 'data-id': m.id, 'data-seq': m.seq, 'data-state': m.state });
    if (state.group && left) { li.append(el('div', { class: 'origin', text: str(m.sender) })); }
    if (m.fromOa && m.origin === 'oa_manager') { li.append(el('div', { class: 'origin', text: 'Gửi từ Zalo OA Manager' })); }
    var msg = m.message || {};
    var parts = m.fromOa ? renderOa(m, msg) : renderUser(msg);
    parts.forEach(function (p) { if (p) { li.append(p); } });
    if (m.reaction) { li.append(el('span', { class: 'reaction', title: m.reaction, text: REACTIONS[m.reaction] || m.reaction })); }
    li.append(meta(m));
    if (m.fromOa && !state.group) { li.append(reactBar(m)); }
    return li;
  }

  function bubble(text) { return el('div', { class: 'bubble', text: text }); }

  function meta(m) {
    var time = new Date(m.time).toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit' });
    var d = el('div', { class: 'meta' }, time);
    if (!m.fromOa && (!state.group || m.mine)) {
      var label = m.state === 'delivered' ? 'Đã gửi' : m.state === 'failed'
        ? (m.webhookStatus ? 'Lỗi webhook (HTTP ' + m.webhookStatus + ')' : 'Không tới được ứng dụng') : 'Đang gửi';
      d.append(' · ', el('span', { class: m.state === 'failed' ? 'failed' : null, text: label }));
    }
    return d;
  }

  function reactBar(m) {
    var bar = el('div', { class: 'react-bar' });
    ['/-heart', '/-strong', ':>'].forEach(function (icon) {
      bar.append(el('button', { type: 'button', title: 'Thả cảm xúc', 'aria-label': 'Thả ' + REACTIONS[icon], text: REACTIONS[icon], click: function () {
        post('api/react', withWho({ messageId: m.id, icon: m.reaction === icon ? '/-remove' : icon })).catch(function () { });
      } }));
    });
    return bar;
  }

  function renderOa(m, msg) {
    var text = typeof msg.text === 'string' ? msg.text : null;
    var att = msg.attachment;
    if (!att || typeof att !== 'object') { return [bubble(text !== null ? text : '')]; }
    var p = att.payload || {};
    if (att.type === 'file') { return [fileCard(p.url, p.name, p.size, p.type), text && bubble(text)]; }
    if (att.type !== 'template') { return [bubble(text !== null ? text : '[Tin nhắn]')]; }
    var tt = p.template_type;
    if (tt === undefined || tt === null || tt === 'button') { return [bubble(text !== null ? text : ''), buttons(p.buttons)]; }
    if (tt === 'media') { return media(p.elements, text); }
    if (tt === 'list') { return [text && bubble(text), listCard(p.elements, p.buttons)]; }
    if (tt === 'request_user_info') { return [requestInfoCard(m, (p.elements || [])[0] || {})]; }
    if (tt === 'zbs') { return [zbsCard(p)]; }
    if (str(tt).indexOf('transaction_') === 0 || tt === 'promotion') { return [transactionCard(p)]; }
    return [bubble(text !== null ? text : '[' + str(tt) + ']')];
  }

  function renderUser(msg) {
    var parts = [];
    (Array.isArray(msg.attachments) ? msg.attachments : []).forEach(function (a) {
      var p = (a && a.payload) || {};
      var url = safeUrl(p.url);
      switch (a && a.type) {
        case 'image': case 'gif': parts.push(url && el('img', { class: 'media', alt: 'Ảnh', src: url })); break;
        case 'sticker': parts.push(url && el('img', { class: 'media sticker', alt: 'Sticker', src: url })); break;
        case 'video': parts.push(url && el('video', { class: 'media', controls: true, preload: 'metadata', src: url, poster: safeUrl(p.thumbnail) })); break;
        case 'audio': parts.push(url && el('audio', { controls: true, src: url })); break;
        case 'file': parts.push(fileCard(p.url, p.name, p.size, p.type)); break;
        case 'location': parts.push(locationCard(p.coordinates || {})); break;
        case 'link': parts.push(linkCard(p)); break;
        default: parts.push(bubble('[' + str(a && a.type) + ']'));
      }
    });
    if (typeof msg.text === 'string' && msg.text.length > 0) { parts.push(bubble(msg.text)); }
    if (parts.length === 0) { parts.push(bubble('')); }
    return parts;
  }

  function media(elements, text) {
    var parts = [];
    (Array.isArray(elements) ? elements : []).forEach(function (e) {
      var url = safeUrl(e.url);
      switch (e.media_type) {
        case 'image': case 'gif': parts.push(url && el('img', { class: 'media', alt: 'Ảnh', src: url })); break;
        case 'sticker': parts.push(url && el('img', { class: 'media sticker', alt: 'Sticker', src: url })); break;
        case 'article': parts.push(articleCard(e)); break;
        default: parts.push(bubble('[' + str(e.media_type) + ']'));
      }
    });
    if (text) { parts.push(bubble(text)); }
    return parts;
  }

  function articleCard(e) {
    var url = safeUrl(e.url);
    var thumb = safeUrl(e.thumb);
    var inner = [thumb && el('img', { class: 'cover', alt: '', src: thumb }),
      el('div', { class: 'card-body' }, el('div', { class: 'title', text: str(e.title) }), e.description ? el('div', { class: 'subtitle', text: str(e.description) }) : null)];
    var link = url ? el('a', { class: 'card-link', href: url, target: '_blank', rel: 'noopener noreferrer' }) : el('div');
    inner.forEach(function (x) { if (x) { link.append(x); } });
    return el('div', { class: 'card article' }, link);
  }

  function fileCard(url, name, size, type) {
    var href = safeUrl(url);
    var kb = Number(size) > 0 ? (Math.max(1, Math.round(Number(size) / 1024)) + ' KB') : '';
    var body = [el('span', { class: 'icon', text: str(type) || 'file' }), el('span', null, str(name) || 'Tệp', el('small', { text: kb }))];
    var card = href ? el('a', { class: 'file', href: href, target: '_blank', rel: 'noopener noreferrer', download: str(name) || true }) : el('div', { class: 'file' });
    body.forEach(function (b) { card.append(b); });
    return el('div', { class: 'bubble' }, card);
  }

  function locationCard(c) {
    var lat = Number(c.latitude), lon = Number(c.longitude);
    var ok = isFinite(lat) && isFinite(lon);
    var body = el('div', { class: 'card-body' }, el('div', { class: 'title', text: '📍 Vị trí' }), el('div', { class: 'subtitle', text: ok ? lat + ', ' + lon : '' }));
    var card = el('div', { class: 'card' }, body);
    if (ok) {
      body.append(el('a', { href: 'https://www.openstreetmap.org/?mlat=' + enc(lat) + '&mlon=' + enc(lon), target: '_blank', rel: 'noopener noreferrer', text: 'Xem bản đồ' }));
    }
    return card;
  }

  function linkCard(p) {
    var url = safeUrl(p.url);
    var inner = el('div', { class: 'card-body' }, el('div', { class: 'title', text: str(p.title) || str(p.url) }), p.description ? el('div', { class: 'subtitle', text: str(p.description) }) : null);
    return el('div', { class: 'card' }, url ? el('a', { class: 'card-link', href: url, target: '_blank', rel: 'noopener noreferrer' }, inner) : inner);
  }

  // Zalo's actions: the button form {type, payload} and the list element's flat default_action {type, url|payload}.
  function actionControl(title, action, className) {
    action = action || {};
    var p = action.payload;
    if (action.type === 'oa.open.url') {
      var url = safeUrl(action.url || (p && p.url));
      return url ? el('a', { class: className, href: url, target: '_blank', rel: 'noopener noreferrer', text: title }) : el('button', { class: className, type: 'button', disabled: true, text: title });
    }
    return el('button', { class: className, type: 'button', text: title, click: function () { act(action); } });
  }

  function act(action) {
    var p = action.payload;
    switch (action.type) {
      case 'oa.query.show': sendText(typeof p === 'string' ? p : str(p), false); break;
      case 'oa.query.hide': sendText(typeof p === 'string' ? p : str(p), true); break;
      case 'oa.open.phone': phoneSheet(p && p.phone_code); break;
      case 'oa.open.sms': smsSheet(p && p.phone_code, p && p.content); break;
      default: showStatus('Hành động không hỗ trợ: ' + str(action.type), true);
    }
  }

  function buttons(list) {
    if (!Array.isArray(list) || list.length === 0) { return null; }
    var box = el('div', { class: 'buttons' });
    list.forEach(function (b) { box.append(actionControl(str(b.title), { type: b.type, payload: b.payload, url: b.url }, 'button')); });
    return box;
  }

  function listCard(elements, btns) {
    var card = el('div', { class: 'card list' });
    (Array.isArray(elements) ? elements : []).forEach(function (e, i) {
      var img = safeUrl(e.image_url);
      var content = i === 0
        ? [img && el('img', { class: 'cover', alt: '', src: img }), el('div', { class: 'card-body' }, el('div', { class: 'title', text: str(e.title) }), e.subtitle ? el('div', { class: 'subtitle', text: str(e.subtitle) }) : null)]
        : [img && el('img', { alt: '', src: img }), el('div', null, el('div', { class: 'title', text: str(e.title) }), e.subtitle ? el('div', { class: 'subtitle', text: str(e.subtitle) }) : null)];
      var row = e.default_action ? actionControl('', e.default_action, i === 0 ? 'list-first' : 'list-row') : el('div', { class: i === 0 ? 'list-first' : 'list-row' });
      row.textContent = '';
      content.forEach(function (c) { if (c) { row.append(c); } });
      card.append(row);
    });
    var b = buttons(btns);
    return b ? el('div', null, card, b) : card;
  }

  function requestInfoCard(m, e) {
    var img = safeUrl(e.image_url);
    var card = el('div', { class: 'card request-info' }, img && el('img', { class: 'cover', alt: '', src: img }),
      el('div', { class: 'card-body' }, el('div', { class: 'title', text: str(e.title) }), e.subtitle ? el('div', { class: 'subtitle', text: str(e.subtitle) }) : null));
    var box = el('div', { class: 'buttons' }, m.answered
      ? el('button', { type: 'button', disabled: true, text: 'Đã chia sẻ thông tin' })
      : el('button', { type: 'button', text: 'Chia sẻ thông tin', click: function () { infoSheet(m); } }));
    return el('div', null, card, box);
  }

  function transactionCard(p) {
    var card = el('div', { class: 'card transaction' });
    var body = el('div', { class: 'card-body' });
    (Array.isArray(p.elements) ? p.elements : []).forEach(function (e) {
      switch (e.type) {
        case 'banner': var img = safeUrl(e.image_url); if (img) { card.append(el('img', { class: 'banner-img', alt: '', src: img })); } break;
        case 'header': body.append(el('div', { class: 'title' + (e.align === 'center' ? ' center' : ''), text: str(e.content) })); break;
        case 'text': body.append(el('div', { class: 'subtitle' + (e.align === 'center' ? ' center' : ''), text: str(e.content) })); break;
        case 'table':
          var table = el('table', { class: 'table' });
          (Array.isArray(e.content) ? e.content : []).forEach(function (row) {
            table.append(el('tr', null, el('td', { text: str(row.key) }), el('td', { class: row.style ? 'status-' + str(row.style).replace(/[^a-z]/g, '') : null, text: str(row.value) })));
          });
          body.append(table);
          break;
      }
    });
    card.append(body);
    var b = buttons(p.buttons);
    return b ? el('div', null, card, b) : card;
  }

  function zbsCard(p) {
    var table = el('table', { class: 'table' });
    var data = p.template_data && typeof p.template_data === 'object' ? p.template_data : {};
    Object.keys(data).forEach(function (k) { table.append(el('tr', null, el('td', { text: k }), el('td', { text: str(data[k]) }))); });
    return el('div', { class: 'card zbs' }, el('div', { class: 'card-body' }, el('div', { class: 'title', text: 'Tin mẫu ZBS ' + str(p.template_id) }), table));
  }

  // ---- sheets (call, SMS, location, stickers, form) -------------------------------------

  function openSheet(title, nodes) {
    $('sheet-title').textContent = title;
    var body = $('sheet-body');
    body.replaceChildren();
    nodes.forEach(function (n) { if (n) { body.append(n); } });
    $('sheet').hidden = false;
  }

  function closeSheet() { $('sheet').hidden = true; }

  function phoneSheet(phone) {
    var number = digits(phone);
    openSheet('Gọi điện', [el('p', { text: number || '(không có số)' }), number && el('a', { class: 'action', href: 'tel:' + number, text: 'Gọi ' + number })]);
  }

  function smsSheet(phone, content) {
    var number = digits(phone);
    openSheet('Nhắn tin SMS', [el('p', { text: 'Tới: ' + (number || '(không có số)') }), el('p', { class: 'hint', text: str(content) }),
      number && el('a', { class: 'action', href: 'sms:' + number + '?body=' + enc(str(content)), text: 'Mở ứng dụng tin nhắn' })]);
  }

  function locationSheet() {
    var lat = el('input', { id: 'lat', inputmode: 'decimal', value: '10.7769' });
    var lon = el('input', { id: 'lon', inputmode: 'decimal', value: '106.7009' });
    openSheet('Gửi vị trí', [el('label', { for: 'lat', text: 'Vĩ độ' }), lat, el('label', { for: 'lon', text: 'Kinh độ' }), lon,
      el('button', { class: 'action', type: 'button', text: 'Gửi vị trí', click: function () {
        closeSheet();
        post('api/send', withWho({ type: 'location', latitude: lat.value, longitude: lon.value })).catch(function () { });
      } })]);
  }

  function stickerSheet() {
    var grid = el('div', { class: 'sticker-grid' });
    STICKERS.forEach(function (s) {
      grid.append(el('button', { type: 'button', 'aria-label': 'Sticker ' + s[1], text: s[1], click: function () {
        closeSheet();
        post('api/send', withWho({ type: 'sticker', stickerId: s[0] })).catch(function () { });
      } }));
    });
    openSheet('Sticker', [grid]);
  }

  function infoSheet(m) {
    var user = currentUser() || {};
    var fields = [['name', 'Họ và tên', user.displayName || ''], ['phone', 'Số điện thoại', '84912345678'], ['dob', 'Ngày sinh (dd/MM/yyyy)', '30/10/1999'],
      ['city', 'Tỉnh/Thành phố', 'Thành phố Hồ Chí Minh'], ['ward', 'Phường/Xã', 'Phường Bến Nghé'], ['address', 'Địa chỉ', 'Số 1 Lê Duẩn']];
    var form = el('form', { class: 'info-form' });
    fields.forEach(function (f) { form.append(el('label', { for: 'info-' + f[0], text: f[1] }), el('input', { id: 'info-' + f[0], name: f[0], value: f[2], required: f[0] === 'name' || f[0] === 'phone' })); });
    var gender = el('select', { id: 'info-gender', name: 'gender' }, el('option', { value: 'Nam', text: 'Nam' }), el('option', { value: 'Nữ', text: 'Nữ' }));
    form.append(el('label', { for: 'info-gender', text: 'Giới tính' }), gender, el('button', { class: 'action', type: 'submit', text: 'Gửi thông tin' }));
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var data = withWho({ messageId: m.id });
      new FormData(form).forEach(function (v, k) { data[k] = v; });
      closeSheet();
      post('api/submit-info', data).catch(function () { });
    });
    openSheet('Chia sẻ thông tin với OA', [form]);
  }

  // ---- sending --------------------------------------------------------------------------

  function sendText(text, hidden) {
    if (!state.user || !text) { return Promise.resolve(); }
    return post('api/send', withWho(state.group ? { type: 'text', text: text } : { type: 'text', text: text, hidden: !!hidden })).catch(function () { });
  }

  function upload(kind, file) {
    if (!file || !state.user) { return; }
    var url = 'api/upload?oaId=' + enc(state.oa) + '&userId=' + enc(state.user) + '&type=' + enc(kind) + '&name=' + enc(file.name);
    fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'X-Zalo-Simulator': '1', 'Content-Type': 'application/octet-stream' }, body: file })
      .then(answer).catch(function () { });
  }

  // Received when shown; seen too when the page is visible (several ids in one report).
  function reportShown() {
    if (!state.user || state.group) { return; }
    var visible = document.visibilityState === 'visible';
    var ids = [];
    state.messages.forEach(function (m) {
      if (!m.fromOa) { return; }
      if (visible ? (m.state !== 'seen' && !state.seen.has(m.id)) : (m.state === 'sent' && !state.received.has(m.id))) { ids.push(m.id); }
    });
    if (ids.length === 0) { return; }
    ids.forEach(function (id) { state.received.add(id); if (visible) { state.seen.add(id); } });
    post('api/shown', withWho({ ids: ids, seen: visible })).catch(function () { });
  }

  // ---- wiring ---------------------------------------------------------------------------

  function start() {
    var params = new URLSearchParams(location.search);
    $('oa').addEventListener('change', function () {
      var oa = state.accounts.find(function (a) { return a.oaId === $('oa').value; });
      select($('oa').value, oa && oa.users.length ? oa.users[0].userId : null, null);
    });
    $('user').addEventListener('change', function () { select(state.oa, $('user').value || null, state.group); });
    $('conversation').addEventListener('change', function () { select(state.oa, state.user, $('conversation').value || null); });
    $('add-citizen').addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (!state.oa) { return; }
      post('api/citizens', { oaId: state.oa, displayName: $('new-name').value, userId: $('new-id').value })
        .then(function (r) { $('new-id').value = ''; select(state.oa, r.userId, null); })
        .catch(function () { });
    });
    $('follow').addEventListener('click', function () {
      var user = currentUser();
      var group = currentGroup();
      if (user && group) { post('api/group', withWho({ join: !has(group.members, user.userId) })).catch(function () { }); }
      else if (user) { post('api/follow', withWho({ follow: !user.isFollower })).catch(function () { }); }
    });
    $('composer').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var text = $('text').value;
      if (!text.trim()) { return; }
      $('text').value = '';
      sendText(text, false);
    });
    $('text').addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) { ev.preventDefault(); $('composer').requestSubmit(); }
    });
    $('plus').addEventListener('click', function () {
      var attach = $('attach');
      attach.hidden = !attach.hidden;
      $('plus').setAttribute('aria-expanded', String(!attach.hidden));
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-pick]'), function (b) {
      b.addEventListener('click', function () { $('attach').hidden = true; $('file-' + b.dataset.pick).click(); });
    });
    ['image', 'video', 'file'].forEach(function (kind) {
      var input = $('file-' + kind);
      input.addEventListener('change', function () { upload(kind, input.files[0]); input.value = ''; });
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-sheet]'), function (b) {
      b.addEventListener('click', function () { $('attach').hidden = true; if (b.dataset.sheet === 'location') { locationSheet(); } else { stickerSheet(); } });
    });
    $('sheet-cancel').addEventListener('click', closeSheet);
    $('sheet').addEventListener('click', function (ev) { if (ev.target === $('sheet')) { closeSheet(); } });
    document.addEventListener('visibilitychange', reportShown);

    fetch('api/accounts', { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (accounts) {
      state.accounts = accounts;
      var oa = accounts.find(function (a) { return a.oaId === params.get('oa'); }) || accounts[0];
      if (!oa) { showStatus('Trình giả lập chưa có Official Account nào (ZaloEmulator.AddOfficialAccount).', true); return; }
      var user = oa.users.find(function (u) { return u.userId === params.get('user'); }) || oa.users[0];
      var group = (oa.groups || []).find(function (g) { return g.groupId === params.get('group'); });
      select(oa.oaId, user ? user.userId : null, group ? group.groupId : null);
    }).catch(function () { showStatus('Không tải được danh sách OA.', true); });
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
}());
