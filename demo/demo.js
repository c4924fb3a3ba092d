// The demo's language switch: sets <html lang> (and dir for Uyghur). Every element follows the
// page's language and re-renders; the article keeps the language its JSON names.
const select = document.getElementById('demo-lang');
if (select) {
  // Shown only where it works: with JavaScript.
  select.closest('[hidden]')?.removeAttribute('hidden');
  const current = document.documentElement.lang || 'zh-CN';
  if ([...select.options].some((o) => o.value === current)) select.value = current;
  select.addEventListener('change', () => {
    document.documentElement.lang = select.value;
    document.documentElement.dir = select.value === 'ug' ? 'rtl' : 'ltr';
  });
}
