// Desk behaviour wired by data attributes, so pages carry no inline script or event handlers
// (the Content-Security-Policy allows scripts from this site's files only):
//   data-confirm="question"  on a button or form: asks before submitting.
//   data-autosubmit          on a select: submits its form when changed.
//   data-print               on a button: prints the page.
//   data-live="/live/events?after=N" (pages/Shared/_Live): live updates, below.
//   data-insert-into="id"    on a select: inserts the chosen option's data-text into a textarea.
//   data-menu-toggle         on a button in the header: opens and closes the navigation on a phone.
// The "js" class lets the stylesheet collapse the navigation only when this script runs.
document.documentElement.classList.add('js');
document.addEventListener('click', function (e) {
    var button = e.target.closest('button[data-confirm]');
    if (button && !window.confirm(button.dataset.confirm)) { e.preventDefault(); }
    if (e.target.closest('[data-print]')) { window.print(); }
    var toggle = e.target.closest('[data-menu-toggle]');
    if (toggle) {
        var open = toggle.closest('header').classList.toggle('open');
        toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    }
});
document.addEventListener('submit', function (e) {
    var form = e.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) { e.preventDefault(); }
});
document.addEventListener('change', function (e) {
    if (e.target.matches('select[data-autosubmit]')) { e.target.form.submit(); }
});

// Live updates: one EventSource per tab on /live/events (server-sent events; the browser reconnects
// by itself with Last-Event-ID). An event names only a case id; the page then fetches its
// [data-live-region] parts again through the normal, access-checked pages: the inbox list (this
// URL), or on a case page (data-live-case) that case's conversation. Fetches never overlap: changes
// arriving during one are covered by one more. The X-Desk-Live header tells the server not to use up a
// one-time notice meant for the page the browser is about to show (Live/LiveRefreshKeepsFlash). Citizens' messages ("report") count in the title
// while the tab is hidden, and beep only when the officer turned the sound on in this browser.
(function () {
    var live = document.querySelector('[data-live]');
    if (!live || !window.EventSource || !window.fetch) { return; }
    var caseId = live.dataset.liveCase || null;
    var state = live.querySelector('[data-live-state]');
    var soundButton = live.querySelector('[data-live-sound]');
    var title = document.title, unseen = 0, busy = false, again = false, lastId = null;

    function soundOn() {
        try { return window.localStorage.getItem('desk.live.sound') === 'on'; } catch (e) { return false; }
    }
    function showSound() {
        soundButton.setAttribute('aria-pressed', soundOn() ? 'true' : 'false');
        soundButton.textContent = soundOn() ? 'Tắt âm báo' : 'Bật âm báo';
    }
    soundButton.addEventListener('click', function () {
        try { window.localStorage.setItem('desk.live.sound', soundOn() ? 'off' : 'on'); } catch (e) { /* private mode: stays off */ }
        showSound();
    });
    showSound();

    function beep() {
        var Audio = window.AudioContext || window.webkitAudioContext;
        if (!soundOn() || !Audio) { return; }
        var ctx = new Audio(), tone = ctx.createOscillator(), gain = ctx.createGain();
        tone.frequency.value = 880;
        gain.gain.value = 0.05;
        tone.connect(gain);
        gain.connect(ctx.destination);
        tone.onended = function () { ctx.close(); };
        tone.start();
        tone.stop(ctx.currentTime + 0.15);
    }
    function badge() { document.title = (unseen > 0 ? '(' + unseen + ') ' : '') + title; }
    document.addEventListener('visibilitychange', function () {
        if (!document.hidden) { unseen = 0; badge(); }
    });

    function refresh() {
        if (busy) { again = true; return; }
        busy = true;
        var url = caseId ? '/Cases/' + encodeURIComponent(caseId) + '?handler=Messages' : window.location.href;
        window.fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'text/html', 'X-Desk-Live': '1' } })
            .then(function (r) { return r.ok ? r.text() : null; })
            .then(function (html) {
                if (html === null) { return; }
                var doc = new DOMParser().parseFromString(html, 'text/html');
                document.querySelectorAll('[data-live-region]').forEach(function (old) {
                    var fresh = doc.getElementById(old.id);
                    if (fresh) { old.replaceWith(document.importNode(fresh, true)); }
                });
            })
            .catch(function () { /* the next change or reconnect refreshes again */ })
            .then(function () {
                busy = false;
                if (again) { again = false; refresh(); }
            });
    }

    function onChange(e) {
        if (e.lastEventId) { lastId = e.lastEventId; }
        var data = {};
        try { data = JSON.parse(e.data); } catch (x) { data = {}; }
        if (!caseId || e.type === 'reset' || String(data.caseId) === caseId) { refresh(); }
        if (e.type === 'report') {
            if (document.hidden) { unseen++; badge(); }
            beep();
        }
    }

    function connect() {
        var url = live.dataset.live;
        if (lastId) { url = url.replace(/after=\d*/, 'after=' + encodeURIComponent(lastId)); }
        var source = new EventSource(url);
        ['report', 'update', 'reset'].forEach(function (type) { source.addEventListener(type, onChange); });
        source.onopen = function () {
            live.classList.remove('offline');
            live.dataset.liveConnected = 'true';
            state.textContent = 'Cập nhật trực tiếp';
        };
        source.onerror = function () {
            live.dataset.liveConnected = 'false';
            if (source.readyState === EventSource.CLOSED) {
                // Refused (signed out, too many tabs): try again later, not in a loop.
                live.classList.add('offline');
                state.textContent = 'Mất kết nối cập nhật trực tiếp; sẽ thử lại sau 30 giây.';
                window.setTimeout(connect, 30000);
            }
        };
    }
    connect();
})();
// data-insert-into="id" on a select: inserts the chosen option's data-text into that textarea
// (at the cursor, or replacing an empty box), then resets the select (quick replies).
document.addEventListener('change', function (e) {
    var select = e.target;
    if (!select.matches('select[data-insert-into]')) { return; }
    var option = select.options[select.selectedIndex];
    var box = document.getElementById(select.dataset.insertInto);
    if (option && option.dataset.text && box) {
        var at = typeof box.selectionStart === 'number' ? box.selectionStart : box.value.length;
        box.value = box.value.slice(0, at) + option.dataset.text + box.value.slice(box.selectionEnd || at);
        box.focus();
    }
    select.selectedIndex = 0;
});

// data-unit-picker="/api/units/" (Pages/Shared/_UnitPicker, Units/UnitPicker.cs): a large scope of
// units picked a level at a time. The server renders one select (the form's field, the open level)
// that works without script; this shows one select per level instead, each level's units loaded
// from the endpoint (which answers inside the signed-in person's scope only), and writes the chosen
// unit into that original select, hidden, so the form posts the field it always did and the server
// still decides whether the unit may be chosen.
//   data-unit-path="1,17"     the units from the picker's root to the open one (ids).
//   data-unit-meaning         "Subtree" (a unit means everything below it) or "Unit".
//   data-unit-all="label"     the first level's "no unit" choice (empty value); empty when the page has none.
//   data-unit-exclude="id"    a unit that may not be chosen (a case's own unit), only opened; or empty.
//   data-unit-autosubmit="true" submits the form once a unit is chosen.
document.querySelectorAll('[data-unit-picker]').forEach(function (picker) {
    var field = picker.querySelector('select');
    var label = picker.querySelector('label');
    var path = picker.dataset.unitPath.split(',');
    var subtree = picker.dataset.unitMeaning === 'Subtree';
    var all = picker.dataset.unitAll || null;
    var exclude = picker.dataset.unitExclude || null;
    var chosen = field.value;
    var levels = [];
    if (!window.fetch) { return; }

    function load(id) {
        return window.fetch(picker.dataset.unitPicker + encodeURIComponent(id) + '/children',
            { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
            .then(function (r) { return r.ok ? r.json() : null; });
    }
    function choose(value, text) {
        field.options.length = 0;
        field.add(new Option(text, value, true, true));
    }
    // A level: the unit itself first (all of it, or itself), then its children.
    function level(unit, depth, selectedId) {
        var select = document.createElement('select');
        select.setAttribute('aria-label', depth === 0 ? label.textContent : 'Đơn vị thuộc ' + unit.name);
        var self = depth === 0 && all !== null
            ? new Option(all, '')
            : new Option(subtree ? 'Toàn bộ ' + unit.name : unit.name + ' (chính đơn vị này)', String(unit.id));
        if (String(unit.id) === exclude) { self = new Option('— Chọn đơn vị thuộc ' + unit.name + ' —', ''); self.disabled = true; }
        self.dataset.self = 'true';
        select.add(self);
        unit.units.forEach(function (u) {
            var option = new Option(u.name, String(u.id), false, String(u.id) === selectedId);
            option.dataset.children = String(u.children);
            if (String(u.id) === exclude && u.children === 0) { option.disabled = true; }
            select.add(option);
        });
        if (select.selectedIndex < 0) { select.selectedIndex = 0; }
        select.addEventListener('change', function () { changed(depth); });
        levels.push(select);
        picker.insertBefore(select, field);
        return select;
    }
    function changed(depth) {
        levels.splice(depth + 1).forEach(function (s) { s.remove(); });
        var select = levels[depth];
        var option = select.options[select.selectedIndex];
        choose(option.value, option.text);
        var opens = !option.dataset.self && Number(option.dataset.children) > 0;
        if (opens) {
            load(option.value).then(function (unit) { if (unit) { level(unit, depth + 1, null); choose(levels[depth + 1].value, levels[depth + 1].options[0].text); } });
        } else if (picker.dataset.unitAutosubmit === 'true' && option.value !== '') {
            field.form.submit();
        }
    }

    // Opens the levels of the open unit's path one after the other, then swaps them in.
    var steps = Promise.resolve();
    path.forEach(function (id, depth) {
        steps = steps.then(function (ok) {
            if (ok === false) { return false; }
            return load(id).then(function (unit) {
                if (!unit || unit.units.length === 0) { return false; }
                level(unit, depth, depth + 1 < path.length ? path[depth + 1] : chosen);
                return true;
            });
        });
    });
    steps.then(function () {
        if (levels.length === 0) { return; }
        label.htmlFor = levels[0].id = field.id + '-level';
        field.hidden = true;
    }).catch(function () { /* the server's select stays and works */ });
});
