// The citizen simulator (Pages/Simulator.cshtml): refreshes the conversation every 2 s so the
// acknowledgement and staff replies appear. A file, not an inline script, for the Content-Security-Policy.
(function () {
    var list = document.getElementById('conversation');
    if (!list) { return; }
    var name = list.dataset.name;
    function render(lines) {
        list.replaceChildren();
        lines.forEach(function (l) {
            var li = document.createElement('li');
            li.className = 'msg ' + (l.fromCitizen ? 'Outbound' : 'Inbound');
            var meta = document.createElement('div');
            meta.className = 'meta';
            meta.textContent = (l.fromCitizen ? name : 'Zalo OA') + ' · ' + new Date(l.at).toLocaleString('vi-VN');
            var text = document.createElement('div');
            text.className = 'text';
            text.textContent = l.text;
            li.append(meta, text);
            list.append(li);
        });
        var empty = document.getElementById('empty');
        if (empty && lines.length > 0) { empty.remove(); }
    }
    setInterval(function () {
        fetch(list.dataset.source, { credentials: 'same-origin' })
            .then(function (r) { return r.ok ? r.json() : null; })
            .then(function (lines) { if (lines) { render(lines); } })
            .catch(function () { });
    }, 2000);
})();
