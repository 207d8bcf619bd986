// Staff console client: login, replies, take, close, release, transfer, delivery retries, case status
// changes, outages (record, new restoration time, restored, cancelled), the dashboard chart.
// Data from the server is only ever written with textContent (never innerHTML).
(() => {
  const CSRF_KEY = 'console.csrfToken';
  const body = document.body;

  // The page carries the session's token too (a new tab has an empty sessionStorage).
  if (body.dataset.csrf) sessionStorage.setItem(CSRF_KEY, body.dataset.csrf);

  const csrf = () => sessionStorage.getItem(CSRF_KEY) || '';

  const ERRORS = {
    invalid_credentials: '用户名或密码错误',
    too_many_attempts: '登录尝试次数过多，请稍等片刻再试',
    password_change_required: '请先修改系统生成的初始密码',
    wrong_password: '当前密码不正确',
    same_password: '新密码不能与当前密码相同',
    unauthorized: '登录已失效，请重新登录',
    csrf_token_invalid: '安全校验失败，请刷新页面后重试',
    status_not_forward: '工单状态只能向前变更',
    case_closed: '工单已办结，不能再变更（本次未作任何更改）',
    empty_text: '请输入回复内容',
    empty_note: '请填写处理说明',
    rate_limited: '操作过于频繁，请稍后再试',
    unknown_staff: '没有这个客服用户名',
    not_owner: '只有接待人或班长可以这样操作（本次未作任何更改）',
    owned_by_other: '该会话已由其他客服接待，请先请其转交',
    not_handed_off: '该会话已由机器人应答',
    not_found: '找不到该记录（可能已处理）',
    unknown_case: '有工单编号不存在，未作任何分派',
    too_many: '一次最多分派 100 件工单',
    supervisor_only: '只有班长可以这样操作',
    cannot_disable_self: '不能停用自己的账号',
    missing_field: '请填写必填项（计划停电须填结束时间）',
    ends_before_start: '结束时间须晚于开始时间',
    restores_before_start: '预计恢复时间须晚于开始时间',
    overlapping_outage: '该片区同一时间已有同类停电，请更新已有记录',
    unknown_area: '没有这个供电片区',
    outage_closed: '该停电已恢复或已取消',
    not_started: '尚未开始的停电不能标记恢复，请取消',
    empty_change: '请填写新的预计恢复时间',
    empty_reason: '请填写停电原因',
    field_too_long: '内容过长',
    field_too_short: '请填写必填项',
    variant_taken: '有客户说法已属于另一个概念（一个说法只能归并到一个概念）',
    // too_many is two limits: a bulk assignment's 100 cases (above) and the canned replies kept.
    too_many_canned_replies: '快捷回复已达上限，请先删除不用的',
  };
  /** The message for an API error code; the canned replies' too_many is their own limit. */
  const errorMessage = (code, path) =>
    code === 'too_many' && path.startsWith('/v1/canned-replies')
      ? ERRORS.too_many_canned_replies
      : ERRORS[code];

  /** A datetime-local value (Beijing wall-clock time in the console) as an ISO instant. */
  const beijingInstant = (value) => (value ? `${value}:00+08:00` : undefined);

  /** JSON request to the API; resolves to the parsed body, rejects with a Chinese message. */
  async function api(method, path, payload) {
    const headers = { 'content-type': 'application/json' };
    if (method !== 'GET') headers['x-csrf-token'] = csrf();
    const response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    if (response.status === 401 && path !== '/v1/staff/session') {
      location.assign('/console/login');
      throw new Error(ERRORS.unauthorized);
    }
    const data = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) {
      const code = data?.error?.code;
      throw new Error(errorMessage(code, path) || `请求失败（${response.status}${code ? ` ${code}` : ''}）`);
    }
    return data;
  }

  function showError(id, error) {
    const el = document.getElementById(id);
    if (el) el.textContent = error instanceof Error ? error.message : String(error);
  }

  function busy(form, on) {
    for (const button of form.querySelectorAll('button')) button.disabled = on;
  }

  // The page scripts (assist.js) run after this one and share its API call and messages.
  window.consoleApi = { api, showError, busy, ERRORS };

  const loginForm = document.getElementById('login-form');
  if (loginForm) {
    loginForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      busy(loginForm, true);
      try {
        const data = await api('POST', '/v1/staff/session', {
          username: document.getElementById('username').value,
          password: document.getElementById('password').value,
        });
        sessionStorage.setItem(CSRF_KEY, data.csrfToken);
        location.assign(data.mustChangePassword ? '/console/password' : '/console/queue');
      } catch (error) {
        showError('login-error', error);
        busy(loginForm, false);
      }
    });
  }

  const passwordForm = document.getElementById('password-form');
  if (passwordForm) {
    passwordForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const newPassword = document.getElementById('new-password').value;
      if (newPassword.length < 12) return showError('password-error', '新密码至少需要 12 个字符');
      if (newPassword !== document.getElementById('new-password-again').value)
        return showError('password-error', '两次输入的新密码不一致');
      busy(passwordForm, true);
      try {
        await api('POST', '/v1/staff/password', {
          currentPassword: document.getElementById('current-password').value,
          newPassword,
        });
        location.assign('/console/queue');
      } catch (error) {
        showError('password-error', error);
        busy(passwordForm, false);
      }
    });
  }

  const logout = document.getElementById('logout');
  if (logout) {
    logout.addEventListener('click', async () => {
      try {
        await api('DELETE', '/v1/staff/session');
      } finally {
        sessionStorage.removeItem(CSRF_KEY);
        location.assign('/console/login');
      }
    });
  }

  const replyForm = document.getElementById('reply-form');
  if (replyForm) {
    const id = encodeURIComponent(replyForm.dataset.conversationId || '');
    // A conversation opens at its newest message, just above the reply box (which stays in view
    // wherever the agent scrolls: it is sticky).
    if (document.querySelector('#transcript > li')) window.scrollTo(0, document.documentElement.scrollHeight);
    const noteSend = document.getElementById('note-send');
    noteSend.addEventListener('click', async () => {
      const text = document.getElementById('reply-text').value;
      if (!text.trim()) return showError('reply-error', ERRORS.empty_text);
      busy(replyForm, true);
      try {
        await api('POST', `/v1/conversations/${id}/notes`, { text });
        location.reload();
      } catch (error) {
        showError('reply-error', error);
        busy(replyForm, false);
      }
    });
    replyForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = document.getElementById('reply-text').value;
      if (!text.trim()) return showError('reply-error', ERRORS.empty_text);
      busy(replyForm, true);
      try {
        await api('POST', `/v1/handoffs/${id}/replies`, { text });
        location.reload();
      } catch (error) {
        showError('reply-error', error);
        busy(replyForm, false);
      }
    });
    const closeHandoff = document.getElementById('close-handoff');
    if (closeHandoff) {
      closeHandoff.addEventListener('click', async () => {
        busy(replyForm, true);
        try {
          await api('POST', `/v1/handoffs/${id}/close`);
          location.assign('/console/queue');
        } catch (error) {
          showError('reply-error', error);
          busy(replyForm, false);
        }
      });
    }
    // Delegated: live updates replace the transcript, and its resend buttons with it.
    document.addEventListener('click', async (event) => {
      const button = event.target instanceof Element ? event.target.closest('button.retry-delivery') : null;
      if (!button) return;
      button.disabled = true;
      try {
        await api('POST', `/v1/deliveries/${encodeURIComponent(button.dataset.deliveryId || '')}/retry`);
        location.reload();
      } catch (error) {
        showError('reply-error', error);
        button.disabled = false;
      }
    });
    const release = document.getElementById('release');
    if (release) {
      release.addEventListener('click', async () => {
        busy(replyForm, true);
        try {
          await api('POST', `/v1/handoffs/${id}/release`);
          location.assign('/console/queue');
        } catch (error) {
          showError('reply-error', error);
          busy(replyForm, false);
        }
      });
    }
  }

  // 接入: take a waiting conversation (from the queue, or on its page), then work in it. Delegated:
  // the queue's rows are replaced by live updates.
  document.addEventListener('click', async (event) => {
    const button = event.target instanceof Element ? event.target.closest('button.take') : null;
    if (!button) return;
    {
      const id = button.dataset.conversationId || '';
      button.disabled = true;
      try {
        await api('POST', `/v1/handoffs/${encodeURIComponent(id)}/take`);
        if (button.id === 'take') location.reload();
        else location.assign(`/console/conversations/${encodeURIComponent(id)}`);
      } catch (error) {
        showError(document.getElementById('queue-error') ? 'queue-error' : 'reply-error', error);
        button.disabled = false;
      }
    }
  });

  // An optional sound when a handoff or a customer's message arrives: off unless the agent turns it
  // on (kept in localStorage). Made with Web Audio, no file to load; the audio context is made on the
  // agent's own click or key press, so the browser never refuses to play it (no autoplay error).
  const SOUND_KEY = 'console.sound';
  const soundToggle = document.getElementById('sound-toggle');
  let audio = null;
  const soundOn = () => localStorage.getItem(SOUND_KEY) === 'on';
  const showSound = () => {
    if (!soundToggle) return;
    soundToggle.textContent = soundOn() ? '提示音：开' : '提示音：关';
    soundToggle.setAttribute('aria-pressed', String(soundOn()));
  };
  const wakeAudio = () => {
    if (!soundOn() || !window.AudioContext) return;
    audio = audio || new AudioContext();
    if (audio.state === 'suspended') audio.resume().catch(() => {});
  };
  document.addEventListener('click', wakeAudio);
  document.addEventListener('keydown', wakeAudio);
  if (soundToggle) {
    showSound();
    soundToggle.addEventListener('click', () => {
      localStorage.setItem(SOUND_KEY, soundOn() ? 'off' : 'on');
      showSound();
      wakeAudio();
    });
  }
  function chime() {
    if (!soundOn() || !audio || audio.state !== 'running') return;
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.4);
    // For the browser test: how many chimes this page played.
    body.dataset.chimes = String(Number(body.dataset.chimes || 0) + 1);
  }

  // Live updates (server-sent events; on Workers the browser polls the same endpoint): the queue,
  // an open conversation (new messages, replies delivered or failed), the case list and the
  // dashboard (newly overdue cases) refresh in place; the tab title counts what arrived unseen, and
  // nothing else on the page (what the agent is typing, the ticked cases) is touched.
  const baseTitle = document.title;
  let unread = 0;
  const showUnread = () => {
    document.title = unread > 0 ? `(${unread}) ${baseTitle}` : baseTitle;
  };
  window.addEventListener('focus', () => {
    unread = 0;
    showUnread();
  });
  async function freshCopy(selector) {
    return (await freshPage())?.querySelector(selector) ?? null;
  }
  async function freshPage() {
    const response = await fetch(location.href, { credentials: 'same-origin' });
    if (response.status === 401 || response.redirected) {
      location.assign('/console/login');
      return null;
    }
    // Parsed, never executed: the server escaped every customer text in it.
    return new DOMParser().parseFromString(await response.text(), 'text/html');
  }
  /** Replaces an element by the server's fresh copy of it; resolves to the new element (or the old). */
  async function refresh(selector) {
    const current = document.querySelector(selector);
    const fresh = await freshCopy(selector);
    if (fresh && current) current.replaceWith(fresh);
    return fresh || current;
  }
  /**
   * One stream per page state: the first event closes it and is handled (the handler listens again
   * from the refreshed page); any other event of the same check is left to that fresh page.
   */
  function listen(params, handlers) {
    const source = new EventSource(`/v1/events?${new URLSearchParams(params)}`);
    let handled = false;
    for (const [name, handle] of Object.entries(handlers)) {
      source.addEventListener(name, (event) => {
        source.close();
        if (handled) return;
        handled = true;
        handle(JSON.parse(event.data));
      });
    }
    return source;
  }
  const queueTabs = document.getElementById('queue-tabs');
  if (queueTabs) {
    const watchQueue = (waiting) =>
      listen(
        { waiting: String(waiting) },
        {
          queue: async (data) => {
            if (data.waiting > data.was) {
              unread += data.waiting - data.was;
              chime();
            }
            showUnread();
            await refresh('main');
            watchQueue(data.waiting);
          },
        },
      );
    watchQueue(Number(queueTabs.dataset.waiting || 0));
  }
  const transcript = document.getElementById('transcript');
  if (transcript?.dataset.newest !== undefined) {
    const conversation = transcript.dataset.conversationId || '';
    // What the transcript shows now: its newest message and the replies still being sent.
    const watchConversation = () => {
      const shown = document.getElementById('transcript');
      const params = { conversation, after: shown?.dataset.newest || '0' };
      if (shown?.dataset.pending) params.pending = shown.dataset.pending;
      const update = async (arrived) => {
        if (arrived) {
          unread += 1;
          showUnread();
        }
        const atBottom = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 80;
        const doc = await freshPage();
        const fresh = doc?.querySelector('#transcript');
        if (fresh) document.getElementById('transcript')?.replaceWith(fresh);
        // The suggestions answer the customer's newest message: they follow it.
        const suggestions = arrived ? doc?.querySelector('#kb-suggestions') : null;
        if (suggestions) document.getElementById('kb-suggestions')?.replaceWith(suggestions);
        if (atBottom) window.scrollTo(0, document.documentElement.scrollHeight);
        watchConversation();
      };
      listen(params, {
        message: (data) => {
          if (data.fromCustomer) chime();
          update(true);
        },
        delivery: () => update(false),
      });
    };
    watchConversation();
  }
  // The case list and the dashboard: a case became overdue.
  const overdueWatch = document.querySelector('[data-overdue-signal]');
  if (overdueWatch) {
    const watchOverdue = (signal) =>
      listen(
        { overdue: String(signal) },
        {
          overdue: async (data) => {
            unread += 1;
            showUnread();
            if (document.getElementById('cases')) {
              const ticked = new Set(
                [...document.querySelectorAll('input.case-select:checked')].map((b) => b.value),
              );
              await refresh('#cases');
              for (const box of document.querySelectorAll('input.case-select'))
                box.checked = ticked.has(box.value);
            } else {
              await refresh('main');
              drawChart();
            }
            watchOverdue(data.signal);
          },
        },
      );
    watchOverdue(Number(overdueWatch.dataset.overdueSignal || 0));
  }

  const transferForm = document.getElementById('transfer-form');
  if (transferForm) {
    transferForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const to = document.getElementById('transfer-to').value;
      if (!to) return showError('transfer-error', '请选择要转交的同事');
      busy(transferForm, true);
      try {
        await api(
          'POST',
          `/v1/handoffs/${encodeURIComponent(transferForm.dataset.conversationId || '')}/transfer`,
          {
            to,
          },
        );
        location.reload();
      } catch (error) {
        showError('transfer-error', error);
        busy(transferForm, false);
      }
    });
  }

  // Staff accounts (supervisors): disable / enable reload the list; a reset shows the new password once.
  for (const button of document.querySelectorAll('button.staff-action')) {
    button.addEventListener('click', async () => {
      const { action, username } = button.dataset;
      button.disabled = true;
      try {
        const data = await api('POST', `/v1/staff/users/${encodeURIComponent(username || '')}/${action}`);
        if (action === 'reset-password') {
          const result = document.getElementById('staff-result');
          result.textContent = `${data.username} 的临时密码：${data.temporaryPassword}（只显示这一次；对方登录后须立即修改）`;
          result.hidden = false;
          button.disabled = false;
        } else {
          location.reload();
        }
      } catch (error) {
        showError('staff-error', error);
        button.disabled = false;
      }
    });
  }

  const statusForm = document.getElementById('status-form');
  if (statusForm) {
    statusForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const note = document.getElementById('status-note').value;
      if (!note.trim()) return showError('status-error', ERRORS.empty_note);
      busy(statusForm, true);
      try {
        await api('PATCH', `/v1/tickets/${encodeURIComponent(statusForm.dataset.caseId || '')}`, {
          status: document.getElementById('status-select').value,
          note,
        });
        location.reload();
      } catch (error) {
        showError('status-error', error);
        busy(statusForm, false);
      }
    });
  }

  // Bulk assignment (case list): the ticked cases go to the colleague picked, all or none.
  const bulkAssign = document.getElementById('bulk-assign');
  if (bulkAssign) {
    const ticked = () => [...document.querySelectorAll('input.case-select:checked')].map((box) => box.value);
    const showCount = () => {
      document.getElementById('bulk-count').textContent = `已选 ${ticked().length} 件`;
    };
    // Delegated: live updates replace the list, and its boxes with it.
    document.addEventListener('change', (event) => {
      const box = event.target;
      if (!(box instanceof HTMLInputElement)) return;
      if (box.id === 'select-all-cases') {
        for (const one of document.querySelectorAll('input.case-select')) one.checked = box.checked;
      }
      if (box.id === 'select-all-cases' || box.classList.contains('case-select')) showCount();
    });
    bulkAssign.addEventListener('submit', async (event) => {
      event.preventDefault();
      const numbers = ticked();
      const assignee = document.getElementById('assign-to').value;
      if (!numbers.length) return showError('assign-error', '请先勾选要分派的工单');
      if (!assignee) return showError('assign-error', '请选择要分派给的同事');
      busy(bulkAssign, true);
      try {
        await api('POST', '/v1/tickets/assign', { numbers, assignee });
        location.reload();
      } catch (error) {
        showError('assign-error', error);
        busy(bulkAssign, false);
      }
    });
  }

  const caseNoteForm = document.getElementById('case-note-form');
  if (caseNoteForm) {
    caseNoteForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const note = document.getElementById('case-note').value;
      if (!note.trim()) return showError('case-note-error', '请填写备注内容');
      busy(caseNoteForm, true);
      try {
        await api('POST', `/v1/tickets/${encodeURIComponent(caseNoteForm.dataset.caseId || '')}/notes`, {
          note,
        });
        location.reload();
      } catch (error) {
        showError('case-note-error', error);
        busy(caseNoteForm, false);
      }
    });
  }

  const outageForm = document.getElementById('outage-form');
  if (outageForm) {
    outageForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const value = (id) => document.getElementById(id).value;
      const areas = [...document.getElementById('outage-areas').selectedOptions].map((o) => o.value);
      const payload = {
        kind: value('outage-kind'),
        areas,
        startsAt: beijingInstant(value('outage-starts')),
        endsAt: beijingInstant(value('outage-ends')),
        expectedRestoreAt: beijingInstant(value('outage-restore')),
        reason: value('outage-reason'),
      };
      busy(outageForm, true);
      try {
        await api('POST', '/v1/outages', payload);
        location.reload();
      } catch (error) {
        showError('outage-error', error);
        busy(outageForm, false);
      }
    });
  }

  for (const form of document.querySelectorAll('form.outage-update')) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const action = event.submitter ? event.submitter.value : 'time';
      const error = form.querySelector('.error');
      const payload =
        action === 'time'
          ? { expectedRestoreAt: beijingInstant(form.querySelector('input[name=expectedRestoreAt]').value) }
          : { status: action };
      if (action === 'time' && !payload.expectedRestoreAt) {
        error.textContent = ERRORS.empty_change;
        return;
      }
      if (action === 'cancelled' && !window.confirm('确定取消这次停电？已通知的客户会收到取消通知。')) return;
      busy(form, true);
      try {
        await api('PATCH', `/v1/outages/${encodeURIComponent(form.dataset.outageId || '')}`, payload);
        location.reload();
      } catch (failure) {
        error.textContent = failure instanceof Error ? failure.message : String(failure);
        busy(form, false);
      }
    });
  }

  /** The dashboard's chart of cases per kind, on time and overdue (drawn again after a live refresh). */
  function drawChart() {
    const canvas = document.getElementById('kind-chart');
    if (!canvas || !window.Chart) return;
    window.kindChart?.destroy();
    const rows = JSON.parse(canvas.dataset.chart || '[]');
    window.kindChart = new window.Chart(canvas, {
      type: 'bar',
      data: {
        labels: rows.map((r) => r.name),
        datasets: [
          { label: '未超期', data: rows.map((r) => r.onTime), backgroundColor: '#3b8f5a' },
          { label: '超期', data: rows.map((r) => r.overdue), backgroundColor: '#c62828' },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { title: { display: true, text: '各类工单数量（按期 / 超期）' } },
      },
    });
  }
  drawChart();
})();
