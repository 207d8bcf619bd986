// Staff console, the reply box's helpers: knowledge suggestions and canned replies (快捷回复) put
// into the reply box, the canned replies' quick filter, and the 快捷回复 page (supervisors add,
// change and remove). Uses console.js's API call (window.consoleApi), which runs first.
// Data from the server is only ever written with textContent or form values (never innerHTML).
document.addEventListener('DOMContentLoaded', () => {
  const { api, showError, busy, ERRORS } = window.consoleApi;

  // One click puts a text into the reply box at the cursor, replacing only what is selected there:
  // what the agent has typed stays (with nothing typed, the box simply holds the text). Delegated:
  // live updates replace the suggestions.
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button.insert-reply') : null;
    const box = document.getElementById('reply-text');
    if (!button || !box) return;
    const text = button.dataset.text || '';
    box.setRangeText(text, box.selectionStart, box.selectionEnd, 'end');
    box.focus();
    box.dispatchEvent(new Event('input', { bubbles: true }));
  });

  const filter = document.getElementById('canned-filter');
  if (filter) {
    filter.addEventListener('input', () => {
      const words = filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      let shown = 0;
      for (const item of document.querySelectorAll('#canned-picker li.canned')) {
        const haystack = item.dataset.search || '';
        const match = words.every((word) => haystack.includes(word));
        item.hidden = !match;
        if (match) shown += 1;
      }
      document.getElementById('canned-none').hidden = shown > 0;
    });
  }

  const cannedForm = document.getElementById('canned-form');
  if (cannedForm) {
    cannedForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const title = document.getElementById('canned-title').value;
      const text = document.getElementById('canned-text').value;
      if (!title.trim() || !text.trim()) return showError('canned-error', ERRORS.field_too_short);
      busy(cannedForm, true);
      try {
        await api('POST', '/v1/canned-replies', { title, text });
        location.reload();
      } catch (error) {
        showError('canned-error', error);
        busy(cannedForm, false);
      }
    });
  }

  for (const form of document.querySelectorAll('form.canned-edit')) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const id = encodeURIComponent(form.dataset.cannedId || '');
      const error = form.querySelector('.error');
      const action = event.submitter ? event.submitter.value : 'save';
      if (action === 'delete' && !window.confirm('确定删除这条快捷回复？')) return;
      const title = form.elements.namedItem('title').value;
      const text = form.elements.namedItem('text').value;
      if (action === 'save' && (!title.trim() || !text.trim())) {
        error.textContent = ERRORS.field_too_short;
        return;
      }
      busy(form, true);
      try {
        if (action === 'delete') await api('DELETE', `/v1/canned-replies/${id}`);
        else await api('PUT', `/v1/canned-replies/${id}`, { title, text });
        location.reload();
      } catch (failure) {
        error.textContent = failure instanceof Error ? failure.message : String(failure);
        busy(form, false);
      }
    });
  }
});
