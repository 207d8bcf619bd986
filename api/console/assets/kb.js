// Staff console, the knowledge base pages: an entry's edit form and the concept words (词汇: a
// concept's variants edited one per line, a concept added or removed; all saved into the draft), the preview
// of the answers a publish would change (shown as before / after with the change marked), publish
// and rollback (supervisors), and the review queue (attach a question to an entry, or out of scope).
// Uses console.js's API call (window.consoleApi), which runs first. Server data is only ever
// written with textContent (never innerHTML).
document.addEventListener('DOMContentLoaded', () => {
  const { api, showError, busy } = window.consoleApi;
  const value = (id) => document.getElementById(id).value;
  const lines = (text) =>
    text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);

  const entryForm = document.getElementById('kb-entry-form');
  if (entryForm) {
    const id = entryForm.dataset.entryId || '';
    entryForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const action = event.submitter ? event.submitter.value : 'save';
      const examples = lines(value('kb-examples'));
      if (action === 'save' && examples.length < 3) return showError('kb-error', '请至少填写 3 个示例问题');
      if (action === 'delete' && !window.confirm('确定在草稿中删除这个条目？发布后客户将不再得到这条答复。'))
        return;
      busy(entryForm, true);
      try {
        if (action === 'delete') {
          await api('DELETE', `/v1/kb/entries/${encodeURIComponent(id)}`);
          location.assign('/console/kb/publish');
          return;
        }
        const fields = {
          title: value('kb-title'),
          category: value('kb-category'),
          clause: value('kb-clause'),
          answer: value('kb-answer'),
          examples,
        };
        if (id) {
          const classAnswers = {};
          for (const box of entryForm.querySelectorAll('textarea[data-class]'))
            if (box.value.trim()) classAnswers[box.dataset.class] = box.value.trim();
          await api('PUT', `/v1/kb/entries/${encodeURIComponent(id)}`, {
            ...fields,
            classAnswers: Object.keys(classAnswers).length ? classAnswers : null,
          });
          location.reload();
        } else {
          const created = await api('POST', '/v1/kb/entries', fields);
          const question = entryForm.dataset.questionId;
          if (question)
            await api('POST', `/v1/kb/unanswered/${encodeURIComponent(question)}/resolve`, {
              entryId: created.id,
            });
          location.assign(`/console/kb/entries/${encodeURIComponent(created.id)}`);
        }
      } catch (error) {
        showError('kb-error', error);
        busy(entryForm, false);
      }
    });
  }

  // The concept words: each concept's form saves its variants (one per line) or removes it, in the draft.
  const conceptPath = (term) => `/v1/kb/concepts/${encodeURIComponent(term)}`;
  /** Saves a concept's variants; a variant newly given to it that another concept has is named first. */
  async function saveConcept(term, variants, isNew) {
    const { items } = await api('GET', '/v1/kb/concepts');
    const own = items.find((item) => item.term === term && item.status !== 'removed');
    if (isNew && own) throw new Error(`概念“${term}”已存在，请在列表中编辑它`);
    const before = own ? own.variants : [];
    for (const variant of variants) {
      if (before.includes(variant)) continue;
      const other = items.find(
        (item) =>
          item.term !== term &&
          item.status !== 'removed' &&
          (item.term === variant || item.variants.includes(variant)),
      );
      if (other) throw new Error(`“${variant}”已属于概念“${other.term}”，一个说法只能归并到一个概念`);
    }
    await api('PUT', conceptPath(term), { variants });
  }
  for (const form of document.querySelectorAll('form.kb-concept-form')) {
    const error = form.querySelector('.error');
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const term = form.dataset.term || '';
      const action = event.submitter ? event.submitter.value : 'save';
      const variants = lines(form.querySelector('textarea').value);
      error.textContent = '';
      if (action === 'save' && variants.length === 0) {
        error.textContent = '请至少填写一个客户说法；不再需要的概念请删除';
        return;
      }
      if (
        action === 'delete' &&
        !window.confirm(`确定在草稿中删除概念“${term}”？发布后这些说法不再归并到它。`)
      )
        return;
      busy(form, true);
      try {
        if (action === 'delete') await api('DELETE', conceptPath(term));
        else await saveConcept(term, variants, false);
        location.reload();
      } catch (failure) {
        error.textContent = failure instanceof Error ? failure.message : String(failure);
        busy(form, false);
      }
    });
  }
  const newConcept = document.getElementById('kb-concept-new');
  if (newConcept) {
    newConcept.addEventListener('submit', async (event) => {
      event.preventDefault();
      const term = value('kb-concept-term').trim();
      const variants = lines(value('kb-concept-new-variants'));
      if (!term) return showError('kb-concept-new-error', '请填写概念');
      if (variants.length === 0) return showError('kb-concept-new-error', '请至少填写一个客户说法');
      busy(newConcept, true);
      try {
        await saveConcept(term, variants, true);
        location.assign(`/console/kb/concepts?q=${encodeURIComponent(term)}`);
      } catch (error) {
        showError('kb-concept-new-error', error);
        busy(newConcept, false);
      }
    });
  }

  /** The texts of an answer before and after, with the part that changed marked (common ends kept plain). */
  function marked(before, after) {
    let start = 0;
    while (start < before.length && start < after.length && before[start] === after[start]) start += 1;
    let end = 0;
    while (
      end < before.length - start &&
      end < after.length - start &&
      before[before.length - 1 - end] === after[after.length - 1 - end]
    )
      end += 1;
    // A pure insertion or removal is ambiguous where its ends repeat ("（新）（依据" in "（依据"): it is
    // shifted to start as early as it can, so a bracket is marked with the words it encloses.
    const longer = before.length > after.length ? before : after;
    const width = longer.length - start - end;
    if (Math.min(before.length, after.length) - start - end === 0)
      while (start > 0 && width > 0 && longer[start - 1] === longer[start + width - 1]) {
        start -= 1;
        end += 1;
      }
    const piece = (text, tag) => {
      const p = document.createElement('p');
      p.className = 'diff-text';
      p.append(text.slice(0, start));
      const changed = document.createElement(tag);
      changed.textContent = text.slice(start, text.length - end);
      p.append(changed, text.slice(text.length - end));
      return p;
    };
    return [piece(before, 'del'), piece(after, 'ins')];
  }

  /** Questions shown at once under a change; the rest behind 展开. */
  const SHOWN_QUESTIONS = 8;

  /** One change of answer: the questions it concerns (those that stop reaching their entry flagged), before and after. */
  function previewItem(group, entryName) {
    const item = document.createElement('li');
    const lost = group.changes.filter((c) => c.lost);
    item.className = `preview-change${lost.length ? ' lost' : ''}`;
    const head = document.createElement('p');
    head.className = 'question';
    head.textContent = `${group.changes.length} 个问题的答复改变${lost.length ? `，其中 ${lost.length} 个不再命中原来的条目` : ''}：`;
    item.append(head);
    const questionItem = (change) => {
      const li = document.createElement('li');
      li.textContent = change.question;
      if (change.lost) {
        li.className = 'lost';
        li.title = `原来命中：${entryName({ entryId: change.expected ?? change.before.entryId })}`;
        li.append(` （不再命中：${entryName({ entryId: change.expected ?? change.before.entryId })}）`);
      }
      return li;
    };
    const sorted = [...lost, ...group.changes.filter((c) => !c.lost)];
    const questions = document.createElement('ul');
    questions.className = 'questions';
    questions.append(...sorted.slice(0, SHOWN_QUESTIONS).map(questionItem));
    item.append(questions);
    if (sorted.length > SHOWN_QUESTIONS) {
      const more = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = `其余 ${sorted.length - SHOWN_QUESTIONS} 个问题`;
      const rest = document.createElement('ul');
      rest.className = 'questions';
      rest.append(...sorted.slice(SHOWN_QUESTIONS).map(questionItem));
      more.append(summary, rest);
      item.append(more);
    }
    const [before, after] = marked(group.before.text, group.after.text);
    const side = (label, answer, text) => {
      const box = document.createElement('div');
      const caption = document.createElement('p');
      caption.className = 'meta';
      caption.textContent = `${label} · ${entryName(answer)}`;
      box.append(caption, text);
      return box;
    };
    const sides = document.createElement('div');
    sides.className = 'diff';
    sides.append(side('发布前', group.before, before), side('发布后', group.after, after));
    item.append(sides);
    return item;
  }

  const previewButton = document.getElementById('kb-preview-run');
  if (previewButton) {
    const list = document.getElementById('kb-preview');
    const titles = JSON.parse(list.dataset.titles || '{}');
    const entryName = (answer) =>
      answer.entryId ? titles[answer.entryId] || answer.entryId : '不由知识库回答';
    previewButton.addEventListener('click', async () => {
      previewButton.disabled = true;
      showError('kb-preview-error', '');
      document.getElementById('kb-preview-summary').textContent =
        '正在用已发布版本和草稿分别回答全部回归问题……';
      try {
        const result = await api('POST', '/v1/kb/preview');
        list.replaceChildren();
        const lost = result.changed.filter((c) => c.lost).length;
        document.getElementById('kb-preview-summary').textContent =
          `共检查 ${result.checked} 个问题，${result.changed.length} 个的答复会改变` +
          (lost ? `，其中 ${lost} 个不再命中原来的条目（标红）。` : '。');
        // One item per change of answer (before → after), with the questions it concerns: an
        // entry's edit changes the answer of every question it answers, shown once.
        const groups = new Map();
        for (const change of result.changed) {
          const key = JSON.stringify([change.before, change.after]);
          const group = groups.get(key) ?? { before: change.before, after: change.after, changes: [] };
          group.changes.push(change);
          groups.set(key, group);
        }
        const ordered = [...groups.values()].sort(
          (a, b) =>
            b.changes.filter((c) => c.lost).length - a.changes.filter((c) => c.lost).length ||
            b.changes.length - a.changes.length,
        );
        for (const group of ordered) list.append(previewItem(group, entryName));
      } catch (error) {
        document.getElementById('kb-preview-summary').textContent = '';
        showError('kb-preview-error', error);
      } finally {
        previewButton.disabled = false;
      }
    });
  }

  const publishForm = document.getElementById('kb-publish-form');
  if (publishForm) {
    publishForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const note = value('kb-note');
      if (!note.trim()) return showError('kb-publish-error', '请填写发布说明');
      busy(publishForm, true);
      try {
        await api('POST', '/v1/kb/publish', { note });
        location.reload();
      } catch (error) {
        showError('kb-publish-error', error);
        busy(publishForm, false);
      }
    });
  }

  for (const button of document.querySelectorAll('button.kb-rollback')) {
    button.addEventListener('click', async () => {
      const version = Number(button.dataset.version);
      if (!window.confirm(`确定回滚到第 ${version} 版？客户将从下一条消息起得到该版本的答复。`)) return;
      button.disabled = true;
      try {
        await api('POST', '/v1/kb/rollback', { version });
        location.reload();
      } catch (error) {
        showError('kb-rollback-error', error);
        button.disabled = false;
      }
    });
  }

  // The review queue: out of scope in one click; attach through the dialog's searchable entry list.
  const resolve = (question, body) =>
    api('POST', `/v1/kb/unanswered/${encodeURIComponent(question)}/resolve`, body);
  for (const button of document.querySelectorAll('button.out-of-scope')) {
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await resolve(button.dataset.questionId, { outOfScope: true });
        location.reload();
      } catch (error) {
        showError('review-error', error);
        button.disabled = false;
      }
    });
  }
  const dialog = document.getElementById('attach-dialog');
  if (dialog) {
    const filter = document.getElementById('attach-filter');
    const items = [...dialog.querySelectorAll('li[data-search]')];
    filter.addEventListener('input', () => {
      const words = filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      for (const item of items)
        item.hidden = !words.every((word) => (item.dataset.search || '').includes(word));
    });
    const list = dialog.querySelector('ul.attach-list');
    for (const button of document.querySelectorAll('button.attach-open')) {
      button.addEventListener('click', () => {
        // The entries retrieval finds closest to this question first, marked; the rest in their order.
        const suggested = (button.dataset.suggested || '').split(' ').filter(Boolean);
        const rank = (item) => {
          const at = suggested.indexOf(item.dataset.entryId);
          return at < 0 ? suggested.length + items.indexOf(item) : at;
        };
        list.replaceChildren(...[...items].sort((a, b) => rank(a) - rank(b)));
        for (const item of items)
          item.classList.toggle('suggested', suggested.includes(item.dataset.entryId));
        dialog.dataset.questionId = button.dataset.questionId || '';
        document.getElementById('attach-question').textContent = button.dataset.text || '';
        filter.value = '';
        for (const item of items) item.hidden = false;
        showError('attach-error', '');
        dialog.showModal();
        filter.focus();
      });
    }
    for (const button of dialog.querySelectorAll('button.attach-to')) {
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          await resolve(dialog.dataset.questionId, { entryId: button.dataset.entryId });
          location.reload();
        } catch (error) {
          showError('attach-error', error);
          button.disabled = false;
        }
      });
    }
  }
});
