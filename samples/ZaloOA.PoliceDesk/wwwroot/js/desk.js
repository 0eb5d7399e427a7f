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
