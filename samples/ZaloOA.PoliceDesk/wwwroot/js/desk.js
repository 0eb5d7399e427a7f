// Desk behaviour wired by data attributes, so pages carry no inline script or event handlers
// (the Content-Security-Policy allows scripts from this site's files only):
//   data-confirm="question"  on a button or form: asks before submitting.
//   data-autosubmit          on a select: submits its form when changed.
//   data-print               on a button: prints the page.
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
