import type { Child } from 'hono/jsx';
import type { AccountConversation, Application, Bill } from '../../db/account-store.js';
import type { DeliveryRecord } from '../../db/channel-store.js';
import type { ConversationRecord, MessageRecord, StaffNoteRecord } from '../../db/store.js';
import type { Ticket, TicketEvent } from '../../db/ticket-store.js';
import {
  CASE_KIND_NAMES,
  CASE_KINDS,
  CASE_STATUSES,
  deadlineCustomerName,
} from '../../vocabulary/case-kinds.js';
import { stageName } from '../accounts/statements.js';
import type { CaseListQuery } from '../cases/case-list.js';
import { beijingDue, overdueDeadlines } from '../cases/cases.js';
import type { AcceptedCounts, casesByKind, ServiceStats } from '../cases/stats.js';
import type { DueSoonRule } from '../standard/working-hours.js';
import {
  beijing,
  CHANNEL_NAMES,
  HANDOFF_REASON_NAMES,
  pendingDeadlines,
  QUEUE_SLA,
  queueMark,
  ROLE_NAMES,
  STATUS_NAMES,
  urgency,
  waited,
} from './format.js';

type Section = 'queue' | 'cases' | 'outages' | 'dashboard' | 'kb' | 'canned' | 'login' | 'password' | 'staff';

/** Every console page: head, navigation, the one client script. Customer text is only ever a JSX child (escaped). */
export function Layout(props: {
  title: string;
  section: Section;
  username?: string;
  csrfToken?: string;
  children: Child;
  scripts?: string[];
}) {
  const nav: [Section, string, string][] = [
    ['queue', '/console/queue', '队列'],
    ['cases', '/console/cases', '工单'],
    ['outages', '/console/outages', '停电'],
    ['dashboard', '/console/dashboard', '统计'],
    ['kb', '/console/kb', '知识库'],
    ['canned', '/console/canned-replies', '快捷回复'],
  ];
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · 供电服务客服工作台`}</title>
        <link rel="stylesheet" href="/console/assets/console.css" />
      </head>
      <body data-page={props.section} data-csrf={props.csrfToken ?? ''}>
        <header class="top">
          <span class="brand">供电服务 · 客服工作台</span>
          {props.username ? (
            <>
              <nav>
                {nav.map(([section, href, label]) => (
                  <a href={href} class={section === props.section ? 'active' : ''}>
                    {label}
                  </a>
                ))}
              </nav>
              <span class="user">
                <a href="/console/staff" id="staff-link" class={props.section === 'staff' ? 'active' : ''}>
                  账号
                </a>
                {props.username}
                <button
                  type="button"
                  id="sound-toggle"
                  aria-pressed="false"
                  title="新的转人工或客户消息时播放提示音"
                >
                  提示音：关
                </button>
                <button type="button" id="logout">
                  退出
                </button>
              </span>
            </>
          ) : null}
        </header>
        <main>{props.children}</main>
        {(props.scripts ?? []).map((src) => (
          <script src={src} defer />
        ))}
        <script src="/console/assets/console.js" defer />
      </body>
    </html>
  );
}

export function LoginPage() {
  return (
    <Layout title="登录" section="login">
      <form id="login-form" class="card narrow">
        <h1>客服登录</h1>
        <label>
          用户名
          <input name="username" id="username" autocomplete="username" required />
        </label>
        <label>
          密码
          <input name="password" id="password" type="password" autocomplete="current-password" required />
        </label>
        <button type="submit">登录</button>
        <p class="error" id="login-error" role="alert" />
      </form>
    </Layout>
  );
}

/** A staff member's own password; a generated first one must be changed here before anything else. */
export function PasswordPage(props: { username: string; csrfToken: string; required: boolean }) {
  return (
    <Layout title="修改密码" section="password" username={props.username} csrfToken={props.csrfToken}>
      <form id="password-form" class="card narrow">
        <h1>修改密码</h1>
        {props.required ? <p>这是系统生成的初始密码，请先设置您自己的密码再开始工作。</p> : null}
        <label>
          当前密码
          <input id="current-password" type="password" autocomplete="current-password" required />
        </label>
        <label>
          新密码（至少 12 个字符）
          <input id="new-password" type="password" autocomplete="new-password" minlength={12} required />
        </label>
        <label>
          再次输入新密码
          <input
            id="new-password-again"
            type="password"
            autocomplete="new-password"
            minlength={12}
            required
          />
        </label>
        <button type="submit">保存新密码</button>
        <p class="error" id="password-error" role="alert" />
      </form>
    </Layout>
  );
}

export interface QueueItem {
  conversation: ConversationRecord;
  /** The customer's own last message (not the bot's answer to it). */
  lastCustomerMessage: MessageRecord | undefined;
  ownerName: string | null;
  /** The account the customer has proved to own (masked name), if any. */
  customer: VerifiedCustomer | undefined;
}

/** A channel user's verified account, as staff see it: the name masked. */
export interface VerifiedCustomer {
  accountNumber: string;
  maskedName: string;
  classLabel: string;
}

export type QueueTab = 'waiting' | 'mine' | 'all';

const QUEUE_TABS: [QueueTab, string][] = [
  ['waiting', '待接入'],
  ['mine', '我的会话'],
  ['all', '全部'],
];

/** A link to the next page of a list, where there is one. */
export function NextPage(props: { href: string | undefined }) {
  return props.href ? (
    <p class="pager">
      <a href={props.href} id="next-page" rel="next">
        下一页 →
      </a>
    </p>
  ) : null;
}

export function QueuePage(props: {
  items: QueueItem[];
  tab: QueueTab;
  /** How many wait for an agent to take them (the 待接入 tab's count). */
  waitingCount: number;
  now: Date;
  /** The next page of the queue, where there is one. */
  nextHref?: string;
  username: string;
  csrfToken: string;
}) {
  return (
    <Layout title="队列" section="queue" username={props.username} csrfToken={props.csrfToken}>
      <h1>会话队列</h1>
      <nav class="tabs" id="queue-tabs" data-waiting={String(props.waitingCount)}>
        {QUEUE_TABS.map(([tab, label]) => (
          <a
            href={`/console/queue?tab=${tab}`}
            class={tab === props.tab ? 'active' : ''}
            data-tab={tab}
            aria-current={tab === props.tab ? 'page' : undefined}
          >
            {label}
            {tab === 'waiting' ? <span class="count">{props.waitingCount}</span> : null}
          </a>
        ))}
      </nav>
      <p class="legend">
        等待接入：<span class="swatch due-soon">{QUEUE_SLA.amberMinutes} 分钟起</span>
        <span class="swatch overdue">{QUEUE_SLA.redMinutes} 分钟起</span>
      </p>
      {props.items.length === 0 ? (
        <p class="empty">
          {props.tab === 'waiting'
            ? '没有等待接入的会话。'
            : props.tab === 'mine'
              ? '您没有正在接待的会话。'
              : '队列为空。'}
        </p>
      ) : (
        <table class="list" id="queue">
          <thead>
            <tr>
              <th>已等待</th>
              <th>渠道</th>
              <th>客户</th>
              <th>转人工原因</th>
              <th>客户最后一条消息</th>
              <th>处理人</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.items.map(({ conversation, lastCustomerMessage, ownerName, customer }) => {
              const since = conversation.handoffSince ?? conversation.updatedAt;
              const href = `/console/conversations/${encodeURIComponent(conversation.id)}`;
              const mark = queueMark(since, props.now, conversation.handoffOwner !== null);
              return (
                <tr class={`queue-row ${mark}`} data-conversation-id={conversation.id}>
                  <td class="waiting" title={`排队开始 ${beijing(since)}`}>
                    {waited(since, props.now)}
                  </td>
                  <td>{CHANNEL_NAMES[conversation.channel] ?? conversation.channel}</td>
                  <td class="customer">
                    {customer ? (
                      <>
                        {customer.maskedName}
                        <br />
                        <span class="meta">户号 {customer.accountNumber}</span>
                      </>
                    ) : (
                      <span class="meta">未验证身份</span>
                    )}
                  </td>
                  <td class="reason">
                    {conversation.handoffReason
                      ? (HANDOFF_REASON_NAMES[conversation.handoffReason] ?? conversation.handoffReason)
                      : '—'}
                  </td>
                  <td class="last-message">
                    <a class="open" href={href}>
                      {lastCustomerMessage ? clip(lastCustomerMessage.text, 60) : '（客户尚未发言）'}
                    </a>
                    {lastCustomerMessage ? (
                      <span class="meta"> · {waited(lastCustomerMessage.createdAt, props.now)}前</span>
                    ) : null}
                  </td>
                  <td class="owner">{ownerName ?? '未接入'}</td>
                  <td>
                    {conversation.handoffOwner ? null : (
                      <button type="button" class="take" data-conversation-id={conversation.id}>
                        接入
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p class="error" id="queue-error" role="alert" />
      <NextPage href={props.nextHref} />
    </Layout>
  );
}

/** A colleague picked from a list (a transfer, an assignment), never a typed user name. */
function ColleagueSelect(props: {
  id: string;
  name: string;
  colleagues: { username: string; role: string }[];
}) {
  return (
    <select id={props.id} name={props.name}>
      <option value="">请选择同事</option>
      {props.colleagues.map((c) => (
        <option value={c.username}>
          {c.username}（{c.role === 'supervisor' ? '班长' : '客服'}）
        </option>
      ))}
    </select>
  );
}

/** How a message outside a turn is getting to a Telegram or WeChat customer. */
function DeliveryNote(props: { delivery: DeliveryRecord }) {
  const d = props.delivery;
  if (d.status === 'sent') return <p class="delivery sent">已送达</p>;
  if (d.status === 'pending')
    return (
      <p class="delivery pending">
        发送中{d.attempts > 0 ? `（已重试 ${d.attempts} 次，将自动再试）` : ''}
        {d.lastError ? `：${d.lastError}` : ''}
      </p>
    );
  return (
    <p class="delivery failed">
      发送失败：{d.lastError ?? '未知原因'}{' '}
      <button type="button" class="secondary retry-delivery" data-delivery-id={String(d.id)}>
        重新发送
      </button>
    </p>
  );
}

/** An internal note as the transcript shows it, with who wrote it. */
export type NoteView = StaffNoteRecord & { author: string };

/** The conversation page's side panel (see `sidePanel` in ./routes.tsx). */
export interface SidePanel {
  account?: VerifiedCustomer;
  bills: Bill[];
  applications: Application[];
  cases: Ticket[];
  /** The same customer's other conversations (on the verified account), newest first. */
  earlier: AccountConversation[];
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

function CustomerPanel(props: { panel: SidePanel }) {
  const { account, bills, applications, cases, earlier } = props.panel;
  const unpaid = bills.filter((b) => b.status === 'unpaid');
  return (
    <aside class="side-panel" id="side-panel">
      <section class="card">
        <h2>客户</h2>
        {account ? (
          <dl class="fields" id="panel-account">
            <dt>户名</dt>
            <dd>{account.maskedName}</dd>
            <dt>户号</dt>
            <dd>{account.accountNumber}</dd>
            <dt>类别</dt>
            <dd>{account.classLabel}</dd>
            <dt>欠费</dt>
            <dd id="panel-arrears" class={unpaid.length ? 'overdue-text' : ''}>
              {unpaid.length
                ? `${yuan(unpaid.reduce((sum, b) => sum + b.amountFen, 0))} 元（${unpaid.length} 期未缴，近 ${bills.length} 期内）`
                : `无（近 ${bills.length} 期）`}
            </dd>
          </dl>
        ) : (
          <p class="meta" id="panel-account">
            客户尚未验证身份（户号 + 手机号后四位），看不到户号信息。
          </p>
        )}
        {bills.length ? (
          <table class="list compact" id="panel-bills">
            <thead>
              <tr>
                <th>账期</th>
                <th>金额（元）</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {bills.slice(0, 3).map((b) => (
                <tr>
                  <td>{b.period}</td>
                  <td>{yuan(b.amountFen)}</td>
                  <td class={b.status === 'unpaid' ? 'overdue-text' : ''}>
                    {b.status === 'unpaid' ? '未缴' : '已缴'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {applications.length ? (
          <>
            <h3>业扩申请</h3>
            <ul class="plain" id="panel-applications">
              {applications.map((a) => (
                <li>
                  {a.number} · {a.kind} · {stageName(a.currentStage)}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <section class="card">
        <h2>工单</h2>
        {cases.length ? (
          <ul class="plain" id="panel-cases">
            {cases.map((t) => (
              <li>
                <a href={`/console/cases/${encodeURIComponent(t.id)}`}>{t.number}</a>{' '}
                {CASE_KIND_NAMES[t.kind]} · {STATUS_NAMES[t.status] ?? t.status}
              </li>
            ))}
          </ul>
        ) : (
          <p class="meta" id="panel-cases">
            没有工单。
          </p>
        )}
      </section>
      <section class="card">
        <h2>此前的会话</h2>
        {earlier.length ? (
          <ul class="plain" id="panel-conversations">
            {earlier.map((c) => (
              <li>
                <a href={`/console/conversations/${encodeURIComponent(c.id)}`}>
                  {CHANNEL_NAMES[c.channel] ?? c.channel} · {beijing(c.updatedAt)}
                </a>{' '}
                <span class="meta">{c.mode === 'handoff' ? '人工处理中' : '机器人应答'}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="meta" id="panel-conversations">
            {account ? '该户号没有其他渠道的会话。' : '验证身份后可查看同一户号在其他渠道的会话。'}
          </p>
        )}
      </section>
    </aside>
  );
}

type TranscriptEntry = { at: number; message: MessageRecord } | { at: number; note: NoteView };

export function ConversationPage(props: {
  conversation: ConversationRecord;
  messages: MessageRecord[];
  /** Internal notes among these messages. */
  notes: NoteView[];
  panel: SidePanel;
  deliveries: Map<number, DeliveryRecord>;
  /** The page of older messages, where there are some; and back to the latest ones. */
  olderHref?: string;
  latestHref?: string;
  ownerName: string | null;
  /** Colleagues a transfer can go to (everyone but the current owner). */
  colleagues: { username: string; role: string }[];
  /** The knowledge suggestions and canned replies (./assist-pages.tsx), first in the side column. */
  assist?: Child;
  username: string;
  csrfToken: string;
}) {
  const { conversation } = props;
  // Messages and notes in the order they were written (a note after a message of the same instant).
  const entries: TranscriptEntry[] = [
    ...props.messages.map((message) => ({ at: message.createdAt.getTime(), message })),
    ...props.notes.map((note) => ({ at: note.createdAt.getTime() + 0.5, note })),
  ].sort((x, y) => x.at - y.at);
  return (
    <Layout
      title="会话"
      section="queue"
      username={props.username}
      csrfToken={props.csrfToken}
      scripts={['/console/assets/assist.js']}
    >
      <div class="conversation-layout">
        <section class="conversation-main">
          <p>
            <a href="/console/queue">← 返回队列</a>
          </p>
          <h1>会话 · {CHANNEL_NAMES[conversation.channel] ?? conversation.channel}</h1>
          <p class="meta">
            状态：{conversation.mode === 'handoff' ? '人工处理中' : '机器人应答'}
            {conversation.handoffSince ? ` · 排队开始 ${beijing(conversation.handoffSince)}` : ''}
            {conversation.handoffReason
              ? ` · ${HANDOFF_REASON_NAMES[conversation.handoffReason] ?? conversation.handoffReason}`
              : ''}{' '}
            · 处理人：<span id="owner">{props.ownerName ?? '未接入'}</span>
            {conversation.mode === 'handoff' && !conversation.handoffOwner ? (
              <>
                {' '}
                <button type="button" class="take" id="take" data-conversation-id={conversation.id}>
                  接入
                </button>
              </>
            ) : null}
          </p>
          {props.olderHref ? (
            <p class="pager">
              <a href={props.olderHref} id="older-messages">
                ← 更早的消息
              </a>
            </p>
          ) : null}
          <ol
            class="transcript"
            id="transcript"
            data-conversation-id={conversation.id}
            data-newest={props.latestHref ? undefined : String(props.messages.at(-1)?.id ?? 0)}
            data-pending={
              [...props.deliveries.values()]
                .filter((d) => d.status === 'pending')
                .map((d) => d.id)
                .join(',') || undefined
            }
          >
            {entries.map((entry) =>
              'note' in entry ? (
                <li class="msg note">
                  <div class="msg-meta">
                    <span class="role">内部备注 · {entry.note.author}</span>
                    <time datetime={entry.note.createdAt.toISOString()}>{beijing(entry.note.createdAt)}</time>
                    <span class="intent">仅客服可见</span>
                  </div>
                  <p class="msg-text">{entry.note.text}</p>
                </li>
              ) : (
                <li class={`msg role-${entry.message.role}`}>
                  <div class="msg-meta">
                    <span class="role">{ROLE_NAMES[entry.message.role] ?? entry.message.role}</span>
                    <time datetime={entry.message.createdAt.toISOString()}>
                      {beijing(entry.message.createdAt)}
                    </time>
                    {entry.message.intent ? <span class="intent">{entry.message.intent}</span> : null}
                  </div>
                  <p class="msg-text">{entry.message.text}</p>
                  {props.deliveries.has(entry.message.id) ? (
                    <DeliveryNote delivery={props.deliveries.get(entry.message.id) as DeliveryRecord} />
                  ) : null}
                  {entry.message.sources?.length ? (
                    <p class="sources">
                      依据：
                      {entry.message.sources.map((source) => (
                        <span class="source">{source.title}</span>
                      ))}
                    </p>
                  ) : null}
                </li>
              ),
            )}
          </ol>
          {props.latestHref ? (
            <p class="pager">
              <a href={props.latestHref}>最新消息 →</a>
            </p>
          ) : null}
          <form id="reply-form" class="card reply-box" data-conversation-id={conversation.id}>
            <label>
              回复客户，或写一条只有客服能看到的内部备注
              <textarea id="reply-text" name="text" rows={3} maxlength={4000} required />
            </label>
            <div class="actions">
              <button type="submit" id="reply-send">
                发送给客户
              </button>
              <button type="button" id="note-send" class="secondary">
                存为内部备注
              </button>
              {conversation.mode === 'handoff' ? (
                <>
                  <button type="button" id="close-handoff" class="secondary">
                    结束服务并邀请评价
                  </button>
                  <button type="button" id="release" class="secondary">
                    交还机器人
                  </button>
                </>
              ) : null}
            </div>
            <p class="error" id="reply-error" role="alert" />
          </form>
        </section>
        <div class="side-column">
          {props.assist}
          <CustomerPanel panel={props.panel} />
          {conversation.mode === 'handoff' ? (
            <form id="transfer-form" class="card" data-conversation-id={conversation.id}>
              <label>
                转给其他客服
                <ColleagueSelect id="transfer-to" name="to" colleagues={props.colleagues} />
              </label>
              <div class="actions">
                <button type="submit" class="secondary">
                  转交
                </button>
              </div>
              <p class="error" id="transfer-error" role="alert" />
            </form>
          ) : null}
        </div>
      </div>
    </Layout>
  );
}

function nextDeadline(ticket: Ticket, now: Date): string {
  const overdue = overdueDeadlines(ticket, now);
  if (overdue.length) return `已超期：${overdue.map((n) => deadlineCustomerName(n)).join('、')}`;
  const next = pendingDeadlines(ticket, now)[0];
  return next ? `${deadlineCustomerName(next[0])} ${beijingDue(new Date(next[1]))}` : '—';
}

/** The list's query as link parameters, with the cursor of the page to show. */
function casesHref(query: CaseListQuery, cursor: string): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'status', 'kind', 'overdue'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (query.limit) params.set('limit', String(query.limit));
  params.set('cursor', cursor);
  return `/console/cases?${params.toString()}`;
}

/** Search and filters of the case list: a plain GET form, so every page is a link. */
/** A list filter's drop-down: "any" first, then each value by its name, the chosen one selected. */
export function FilterSelect<T extends string>(props: {
  name: string;
  id?: string;
  anyLabel: string;
  values: readonly T[];
  label: (value: T) => string | undefined;
  selected: string | undefined;
}) {
  return (
    <select name={props.name} id={props.id}>
      <option value="">{props.anyLabel}</option>
      {props.values.map((value) => (
        <option value={value} selected={props.selected === value}>
          {props.label(value)}
        </option>
      ))}
    </select>
  );
}

function CaseFilters(props: { query: CaseListQuery }) {
  const { query } = props;
  return (
    <form class="filters card" id="case-filters" method="get" action="/console/cases">
      <label>
        搜索
        <input
          name="q"
          id="case-search"
          value={query.q ?? ''}
          maxlength={64}
          placeholder="工单编号、联系电话或户号"
          autocomplete="off"
        />
      </label>
      <label>
        状态
        <FilterSelect
          name="status"
          id="case-status"
          anyLabel="全部"
          values={CASE_STATUSES}
          label={(status) => STATUS_NAMES[status]}
          selected={query.status}
        />
      </label>
      <label>
        类型
        <FilterSelect
          name="kind"
          id="case-kind"
          anyLabel="全部"
          values={CASE_KINDS}
          label={(kind) => CASE_KIND_NAMES[kind]}
          selected={query.kind}
        />
      </label>
      <label>
        期限
        <select name="overdue" id="case-overdue">
          <option value="">全部</option>
          <option value="true" selected={query.overdue === 'true'}>
            已超期
          </option>
          <option value="false" selected={query.overdue === 'false'}>
            未超期
          </option>
        </select>
      </label>
      <button type="submit">查询</button>
      {query.q || query.status || query.kind || query.overdue ? <a href="/console/cases">清除</a> : null}
    </form>
  );
}

/** Who did something in a case's history, as staff read it. */
function actorName(actor: string): string {
  return actor === 'system' ? '系统' : actor === 'scanner' ? '期限扫描' : actor;
}

/** What one event of a case's history says happened. */
function eventText(e: TicketEvent): string {
  switch (e.type) {
    case 'status':
      return e.status === 'accepted' ? '受理' : `状态变更为“${STATUS_NAMES[e.status ?? ''] ?? e.status}”`;
    case 'assigned':
      return `分派给 ${e.assignee ?? '—'}`;
    case 'note':
      return '备注';
    case 'due_soon':
      return `即将到期提醒：${deadlineCustomerName(e.deadline ?? '')}`;
    case 'overdue':
      return `超期提醒：${deadlineCustomerName(e.deadline ?? '')}`;
    case 'follow_up':
      return '回访';
    default:
      return e.type;
  }
}

/** Bulk assignment: pick the cases with the boxes in the list, a colleague here, and assign. */
function BulkAssign(props: { colleagues: { username: string; role: string }[] }) {
  return (
    <form id="bulk-assign" class="filters card">
      <span id="bulk-count" class="meta">
        已选 0 件
      </span>
      <label>
        分派给
        <ColleagueSelect id="assign-to" name="assignee" colleagues={props.colleagues} />
      </label>
      <button type="submit">分派所选工单</button>
      <span class="meta">班长可分派任何未办结工单；客服可分派未分派的或自己的工单。</span>
      <p class="error" id="assign-error" role="alert" />
    </form>
  );
}

export function CasesPage(props: {
  tickets: Ticket[];
  query: CaseListQuery;
  /** The cursor of the next page, where there is one. */
  nextCursor?: string;
  now: Date;
  isDueSoon: DueSoonRule;
  /** Staff user names by id (the assignees), and who a case can be assigned to. */
  staffNames: Map<string, string>;
  colleagues: { username: string; role: string }[];
  /** The live updates' count of overdue escalations as this page was made (see TALLY). */
  overdueSignal: number;
  username: string;
  csrfToken: string;
}) {
  return (
    <Layout title="工单" section="cases" username={props.username} csrfToken={props.csrfToken}>
      <h1>工单</h1>
      <CaseFilters query={props.query} />
      <BulkAssign colleagues={props.colleagues} />
      <p class="legend">
        <span class="swatch overdue">超期</span>
        <span class="swatch due-soon">4 小时内到期</span>
        <span class="badge unconfirmed">日历未确认</span> 期限按工作日推算，节假日安排尚未公布
      </p>
      <table class="list" id="cases" data-overdue-signal={String(props.overdueSignal)}>
        <thead>
          <tr>
            <th>
              <input type="checkbox" id="select-all-cases" aria-label="全选本页工单" />
            </th>
            <th>编号</th>
            <th>类型</th>
            <th>状态</th>
            <th>处理人</th>
            <th>受理时间</th>
            <th>期限</th>
            <th>描述</th>
          </tr>
        </thead>
        <tbody>
          {props.tickets.map((t) => (
            <tr class={`case-row ${urgency(t, props.now, props.isDueSoon)}`} data-case-id={t.id}>
              <td>
                {t.status === 'closed' ? null : (
                  <input
                    type="checkbox"
                    class="case-select"
                    value={t.number}
                    aria-label={`选择工单 ${t.number}`}
                  />
                )}
              </td>
              <td>
                <a href={`/console/cases/${encodeURIComponent(t.id)}`}>{t.number}</a>
              </td>
              <td>{CASE_KIND_NAMES[t.kind]}</td>
              <td>{STATUS_NAMES[t.status] ?? t.status}</td>
              <td class="assignee">
                {t.assignee ? (
                  (props.staffNames.get(t.assignee) ?? t.assignee)
                ) : (
                  <span class="meta">未分派</span>
                )}
              </td>
              <td>{beijing(t.acceptedAt)}</td>
              <td>
                {nextDeadline(t, props.now)}
                {t.calendarConfirmed ? null : <span class="badge unconfirmed">日历未确认</span>}
              </td>
              <td>{clip(t.description, 40)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.tickets.length === 0 ? <p class="empty">没有符合条件的工单。</p> : null}
      <NextPage href={props.nextCursor ? casesHref(props.query, props.nextCursor) : undefined} />
    </Layout>
  );
}

export function CasePage(props: {
  ticket: Ticket;
  /** A page of its history, newest first. */
  events: TicketEvent[];
  /** Older history, where there is more; and back to the latest. */
  olderHref?: string;
  latestHref?: string;
  assigneeName: string | null;
  now: Date;
  isDueSoon: DueSoonRule;
  username: string;
  csrfToken: string;
}) {
  const t = props.ticket;
  const overdue = overdueDeadlines(t, props.now);
  const forward = CASE_STATUSES.slice(CASE_STATUSES.indexOf(t.status) + 1);
  return (
    <Layout title={t.number} section="cases" username={props.username} csrfToken={props.csrfToken}>
      <p>
        <a href="/console/cases">← 返回工单</a>
      </p>
      <h1 class={urgency(t, props.now, props.isDueSoon)}>
        {t.number} · {CASE_KIND_NAMES[t.kind]} · {STATUS_NAMES[t.status] ?? t.status}
      </h1>
      <dl class="card fields">
        <dt>受理时间</dt>
        <dd>{beijing(t.acceptedAt)}</dd>
        <dt>处理人</dt>
        <dd id="case-assignee">{props.assigneeName ?? '未分派'}</dd>
        <dt>来源</dt>
        <dd>{CHANNEL_NAMES[t.channel] ?? t.channel}</dd>
        <dt>描述</dt>
        <dd class="pre">{t.description}</dd>
        <dt>地址</dt>
        <dd>{t.address ?? '—'}</dd>
        <dt>联系电话</dt>
        <dd>{t.contactPhone ?? '—'}</dd>
        <dt>户号</dt>
        <dd>{t.accountNumber ?? '—'}</dd>
        <dt>会话</dt>
        <dd>
          {t.conversationId ? (
            <a id="case-conversation" href={`/console/conversations/${encodeURIComponent(t.conversationId)}`}>
              打开受理会话
            </a>
          ) : (
            '—'
          )}
        </dd>
        <dt>期限</dt>
        <dd>
          <ul class="deadlines">
            {Object.entries(t.deadlines).map(([name, ms]) => (
              <li class={overdue.includes(name) ? 'overdue' : ''}>
                {deadlineCustomerName(name)}：{beijingDue(new Date(ms))}
                {overdue.includes(name) ? '（已超期）' : ''}
              </li>
            ))}
          </ul>
          {t.calendarConfirmed ? null : <span class="badge unconfirmed">日历未确认</span>}
        </dd>
      </dl>
      <h2>处理记录（最新在前，北京时间）</h2>
      <ol class="history" id="history">
        {props.events.map((e) => (
          <li class={`event-${e.type}`}>
            <time datetime={e.at.toISOString()}>{beijing(e.at)}</time>
            <span class="what">{eventText(e)}</span>
            <span class="actor">{actorName(e.actor)}</span>
            {e.note ? <span class="note">{e.note}</span> : null}
          </li>
        ))}
      </ol>
      <p class="pager">
        {props.latestHref ? <a href={props.latestHref}>← 最新记录</a> : null}{' '}
        {props.olderHref ? (
          <a href={props.olderHref} id="older-history" rel="next">
            更早的记录 →
          </a>
        ) : null}
      </p>
      <form id="case-note-form" class="card" data-case-id={t.id}>
        <h2>添加备注</h2>
        <label>
          备注（仅员工可见，记入处理记录）
          <textarea id="case-note" name="note" rows={2} maxlength={1000} required />
        </label>
        <button type="submit" class="secondary">
          保存备注
        </button>
        <p class="error" id="case-note-error" role="alert" />
      </form>
      {forward.length ? (
        <form id="status-form" class="card" data-case-id={t.id}>
          <h2>变更状态</h2>
          <label>
            新状态
            <select id="status-select" name="status">
              {forward.map((s) => (
                <option value={s}>{STATUS_NAMES[s]}</option>
              ))}
            </select>
          </label>
          <label>
            处理说明
            <textarea id="status-note" name="note" rows={2} maxlength={1000} required />
          </label>
          <button type="submit">保存</button>
          <p class="error" id="status-error" role="alert" />
        </form>
      ) : (
        <p class="meta">工单已办结。</p>
      )}
    </Layout>
  );
}

export type KindRow = ReturnType<typeof casesByKind>[number];

const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

export function DashboardPage(props: {
  rows: KindRow[];
  stats: ServiceStats;
  accepted: AcceptedCounts;
  /** Fault reports linked to a known outage instead of opening a repair case. */
  absorbed: number;
  /** The live updates' count of overdue escalations as this page was made (see TALLY). */
  overdueSignal: number;
  username: string;
  csrfToken: string;
}) {
  const { stats } = props;
  return (
    <Layout
      title="统计"
      section="dashboard"
      username={props.username}
      csrfToken={props.csrfToken}
      scripts={['/console/assets/chart.umd.min.js']}
    >
      <h1>统计</h1>
      <section class="tiles" id="accepted-tiles">
        {(
          [
            ['today', '今天，北京时间 0:00 至 24:00', props.accepted.today],
            ['days7', '近 7 天，含今天的 7 个自然日', props.accepted.days7],
            ['days30', '近 30 天，含今天的 30 个自然日', props.accepted.days30],
          ] as const
        ).map(([id, period, n]) => (
          <div class="tile">
            <div class="value" id={`accepted-${id}`}>
              {n}
            </div>
            <div class="label">受理工单（{period}，各渠道合计）</div>
          </div>
        ))}
      </section>
      <section class="tiles">
        <div class="tile">
          <div class="value" id="coverage">
            {percent(stats.followUpCoverage)}
          </div>
          <div class="label">
            回访覆盖率：已回访 {stats.followedUp} / 已办结 {stats.closedCases}{' '}
            件投诉、举报、报修（累计，自系统启用起）
          </div>
        </div>
        <div class="tile">
          <div class="value" id="satisfaction">
            {percent(stats.satisfactionRate)}
          </div>
          <div class="label">满意率：评 4–5 分的占全部 {stats.ratings} 个评价（累计，自系统启用起）</div>
        </div>
        <div class="tile">
          <div class="value" id="absorbed">
            {props.absorbed}
          </div>
          <div class="label">
            已知停电吸收的报修：关联到已登记停电、未另开报修工单的客户报修（累计，自系统启用起）
          </div>
        </div>
        <div class="tile">
          <div class="value">{stats.answered}</div>
          <div class="label">客户已回复的回访：回访后客户给出了评分（累计，自系统启用起）</div>
        </div>
        <div class="tile">
          <div class="value">{stats.unansweredCount}</div>
          <div class="label">
            尚待客户回复的回访：已回访、客户尚未评分（当前）
            {stats.unanswered.length
              ? `：${stats.unanswered.join('、')}${stats.unansweredCount > stats.unanswered.length ? ' 等' : ''}`
              : ''}
          </div>
        </div>
      </section>
      <p class="meta">“—”表示还没有可计算的对象（例如尚无办结工单或评价），不是 0% 或 100%。</p>
      <section class="card" id="kind-section" data-overdue-signal={String(props.overdueSignal)}>
        <h2>各类工单：按期与超期（当前全部工单）</h2>
        <div class="chart-box">
          <canvas
            id="kind-chart"
            data-chart={JSON.stringify(props.rows)}
            aria-label="各类工单数量及超期情况"
          />
        </div>
        <table class="list">
          <thead>
            <tr>
              <th>类型</th>
              <th>合计</th>
              <th>未超期</th>
              <th>超期</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <td>{r.name}</td>
                <td>{r.total}</td>
                <td>{r.onTime}</td>
                <td class={r.overdue ? 'overdue-text' : ''}>{r.overdue}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="meta">超期：尚有期限已过而未完成的工单（与 GET /v1/tickets 的 overdue 相同）。</p>
      </section>
    </Layout>
  );
}

/** Staff accounts: everyone sees the list; a supervisor disables, enables and resets passwords. */
export function StaffPage(props: {
  users: { id: string; username: string; role: string; disabledAt: Date | null }[];
  me: { id: string; role: string };
  username: string;
  csrfToken: string;
}) {
  const supervisor = props.me.role === 'supervisor';
  return (
    <Layout title="客服账号" section="staff" username={props.username} csrfToken={props.csrfToken}>
      <h1>客服账号</h1>
      {supervisor ? null : <p class="meta">只有班长可以停用账号或重置密码；修改自己的密码请到“修改密码”。</p>}
      <p>
        <a href="/console/password">修改我的密码</a>
      </p>
      <table class="list" id="staff">
        <thead>
          <tr>
            <th>用户名</th>
            <th>角色</th>
            <th>状态</th>
            {supervisor ? <th>操作</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.users.map((u) => (
            <tr class={`staff-row${u.disabledAt ? ' disabled' : ''}`} data-username={u.username}>
              <td>{u.username}</td>
              <td>{u.role === 'supervisor' ? '班长' : '客服'}</td>
              <td class="status">{u.disabledAt ? `已停用（${beijing(u.disabledAt)}）` : '在用'}</td>
              {supervisor ? (
                <td class="actions">
                  {u.id === props.me.id ? (
                    <span class="meta">本人</span>
                  ) : (
                    <>
                      <button
                        type="button"
                        class="secondary staff-action"
                        data-action={u.disabledAt ? 'enable' : 'disable'}
                        data-username={u.username}
                      >
                        {u.disabledAt ? '启用' : '停用'}
                      </button>
                      <button
                        type="button"
                        class="secondary staff-action"
                        data-action="reset-password"
                        data-username={u.username}
                      >
                        重置密码
                      </button>
                    </>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <p id="staff-result" class="card" role="status" hidden />
      <p class="error" id="staff-error" role="alert" />
    </Layout>
  );
}

export function NotFoundPage(props: { username: string; csrfToken: string; what: string }) {
  return (
    <Layout title="未找到" section="queue" username={props.username} csrfToken={props.csrfToken}>
      <h1>未找到{props.what}</h1>
      <p>
        <a href="/console/queue">返回队列</a>
      </p>
    </Layout>
  );
}

/** At most `max` characters of a text, with an ellipsis where it was cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}
