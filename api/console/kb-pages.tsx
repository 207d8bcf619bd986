import type { Child } from 'hono/jsx';
import { CLASS_LABELS, CUSTOMER_CLASSES } from '../../knowledge/customer-class.js';
import { beijing } from './format.js';
import { clip, Layout } from './pages.js';

/**
 * What the knowledge base pages read (api/kb through the same functions as the API): the draft's
 * entries with the version customers are answered from, the versions and the review queue.
 */
export interface KbConsoleSource {
  entries(): Promise<{ version: number; draft: boolean; items: KbEntryView[] }>;
  /** The draft's concept words (`GET /v1/kb/concepts`). */
  concepts(): Promise<{ version: number; draft: boolean; items: KbConceptView[] }>;
  versions(): Promise<KbVersionView[]>;
  unanswered(): Promise<UnansweredView[]>;
}

/** A knowledge entry as `GET /v1/kb/entries` gives it (the draft's, where it has one). */
export interface KbEntryView {
  id: string;
  title: string;
  category: string;
  clause: string;
  answer: string;
  examples: string[];
  classAnswers?: Partial<Record<string, string>>;
  updatedAt: string;
  updatedBy: string;
  /** How the draft stands against the published version. */
  status: 'published' | 'changed' | 'added' | 'removed';
}

/** A concept and the words customers use for it, as `GET /v1/kb/concepts` gives it (the draft's). */
export interface KbConceptView {
  term: string;
  variants: readonly string[];
  status: KbEntryView['status'];
  updatedAt?: string;
  updatedBy?: string;
}

/** A published version (`GET /v1/kb/versions`). */
export interface KbVersionView {
  version: number;
  note: string;
  createdBy: string;
  createdAt: string;
  restoredFrom?: number;
}

/** A question of the review queue (`GET /v1/kb/unanswered`). */
export interface UnansweredView {
  id: number;
  text: string;
  count: number;
  lastAt: string;
  reason: string;
}

const STATUS_NAMES: Record<KbEntryView['status'], string> = {
  published: '已发布',
  changed: '草稿：已修改',
  added: '草稿：新增',
  removed: '草稿：删除',
};

export const REASON_NAMES: Record<string, string> = {
  unknown: '未能回答',
  low_confidence: '回答把握不足',
  handoff_after_answer: '回答后客户转人工',
  low_rating: '客户差评',
};

type KbTab = 'entries' | 'concepts' | 'publish' | 'review';
const KB_TABS: [KbTab, string, string][] = [
  ['entries', '/console/kb', '条目'],
  ['concepts', '/console/kb/concepts', '词汇'],
  ['publish', '/console/kb/publish', '预览、发布与版本'],
  ['review', '/console/kb/review', '待完善问题'],
];

/** What every 知识库 page shows around its content: the version in use, the draft, the staff member. */
interface KbFrame {
  version: number;
  draft: boolean;
  username: string;
  csrfToken: string;
}

function KbLayout(props: KbFrame & { title: string; tab: KbTab; children: Child }) {
  return (
    <Layout
      title={props.title}
      section="kb"
      username={props.username}
      csrfToken={props.csrfToken}
      scripts={['/console/assets/kb.js']}
    >
      <h1>知识库</h1>
      <p class="meta" id="kb-state">
        客户正在使用第 {props.version} 版。
        {props.draft ? '草稿中有尚未发布的修改，发布后才对客户生效。' : '草稿与已发布版本相同。'}
      </p>
      <nav class="tabs" id="kb-tabs">
        {KB_TABS.map(([tab, href, label]) => (
          <a
            href={href}
            class={tab === props.tab ? 'active' : ''}
            aria-current={tab === props.tab ? 'page' : undefined}
          >
            {label}
          </a>
        ))}
      </nav>
      {props.children}
    </Layout>
  );
}

/** A 知识库 list's search: a plain GET form of `q`, with 清除 while a search is shown. */
function KbSearchForm(props: {
  id: string;
  action: string;
  inputId: string;
  q: string;
  maxlength: number;
  placeholder: string;
  children?: Child;
}) {
  return (
    <form class="filters" method="get" action={props.action} id={props.id}>
      <label>
        搜索
        <input
          name="q"
          id={props.inputId}
          value={props.q}
          maxlength={props.maxlength}
          placeholder={props.placeholder}
          autocomplete="off"
        />
      </label>
      <button type="submit">搜索</button>
      {props.q ? <a href={props.action}>清除</a> : null}
      {props.children}
    </form>
  );
}

/** Every entry of the draft, searched by words in any of its texts (a plain GET form). */
export function KbEntriesPage(
  props: KbFrame & {
    entries: KbEntryView[];
    q: string;
    total: number;
  },
) {
  return (
    <KbLayout title="知识库" tab="entries" {...props}>
      <KbSearchForm
        id="kb-search"
        action="/console/kb"
        inputId="kb-q"
        q={props.q}
        maxlength={100}
        placeholder="标题、分类、条款、答复或示例问题中的文字"
      >
        <a href="/console/kb/new" class="button-link" id="kb-new">
          新增条目
        </a>
      </KbSearchForm>
      <p class="meta">
        {props.q ? `找到 ${props.entries.length} 条（共 ${props.total} 条）。` : `共 ${props.total} 条。`}
      </p>
      <table class="list" id="kb-entries">
        <thead>
          <tr>
            <th>标题</th>
            <th>分类</th>
            <th>条款</th>
            <th>答复</th>
            <th>状态</th>
            <th>最后修改</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((e) => (
            <tr class={`kb-row status-${e.status}`} data-entry-id={e.id}>
              <td>
                <a href={`/console/kb/entries/${encodeURIComponent(e.id)}`}>{e.title}</a>
              </td>
              <td>{e.category}</td>
              <td>{e.clause || '—'}</td>
              <td>{clip(e.answer, 50)}</td>
              <td class="status">{STATUS_NAMES[e.status]}</td>
              <td class="meta">
                {beijing(e.updatedAt)} · {e.updatedBy}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.entries.length === 0 ? <p class="empty">没有符合的条目。</p> : null}
    </KbLayout>
  );
}

/**
 * The concept words (词汇): each concept with the words customers use for it, searched by words in
 * the term or a variant (a plain GET form); a concept's variants edited one per line, a concept
 * added or removed, all in the draft (kb.js).
 */
export function KbConceptsPage(
  props: KbFrame & {
    concepts: KbConceptView[];
    q: string;
    total: number;
  },
) {
  return (
    <KbLayout title="知识库词汇" tab="concepts" {...props}>
      <p class="meta">
        客户对同一件事有不同说法：检索前，每个说法都归并到它的概念（例如“多久”“几天”“how
        long”都算作“时限”）。修改只进草稿，到“预览、发布与版本”预览受影响的问题，班长发布后生效。
      </p>
      <KbSearchForm
        id="kb-concepts-search"
        action="/console/kb/concepts"
        inputId="kb-concepts-q"
        q={props.q}
        maxlength={60}
        placeholder="概念或客户说法中的文字"
      />
      <details class="card" id="kb-concept-new-box">
        <summary>新增概念</summary>
        <form id="kb-concept-new">
          <label>
            概念（检索时归并成的词）
            <input id="kb-concept-term" name="term" maxlength={60} required autocomplete="off" />
          </label>
          <label>
            客户说法（每行一个）
            <textarea id="kb-concept-new-variants" name="variants" rows={4} required />
          </label>
          <div class="actions">
            <button type="submit" id="kb-concept-add">
              新增到草稿
            </button>
          </div>
          <p class="error" id="kb-concept-new-error" role="alert" />
        </form>
      </details>
      <p class="meta">
        {props.q
          ? `找到 ${props.concepts.length} 个（共 ${props.total} 个）。`
          : `共 ${props.total} 个概念。`}
      </p>
      <table class="list" id="kb-concepts">
        <thead>
          <tr>
            <th>概念</th>
            <th>客户说法</th>
            <th>状态</th>
            <th>最后修改</th>
          </tr>
        </thead>
        <tbody>
          {props.concepts.map((concept) => (
            <tr class={`kb-row kb-concept status-${concept.status}`} data-term={concept.term}>
              <td class="term">{concept.term}</td>
              <td class="variants">
                <p class="variant-list">{concept.variants.join('、')}</p>
                <details class="kb-concept-edit">
                  <summary>编辑</summary>
                  <form class="kb-concept-form" data-term={concept.term}>
                    <label>
                      客户说法（每行一个）
                      <textarea name="variants" rows={Math.min(12, concept.variants.length + 1)}>
                        {concept.variants.join('\n')}
                      </textarea>
                    </label>
                    <div class="actions">
                      <button type="submit" name="action" value="save">
                        {concept.status === 'removed' ? '恢复并保存到草稿' : '保存到草稿'}
                      </button>
                      {concept.status === 'removed' ? null : (
                        <button type="submit" name="action" value="delete" class="secondary">
                          在草稿中删除
                        </button>
                      )}
                    </div>
                    <p class="error" role="alert" />
                  </form>
                </details>
              </td>
              <td class="status">{STATUS_NAMES[concept.status]}</td>
              <td class="meta">
                {concept.updatedAt ? `${beijing(concept.updatedAt)} · ${concept.updatedBy ?? ''}` : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.concepts.length === 0 ? <p class="empty">没有符合的概念。</p> : null}
    </KbLayout>
  );
}

/** The edit form of one entry, or of a new one (`entry` unset), saved into the draft. */
export function KbEntryPage(
  props: KbFrame & {
    entry?: KbEntryView;
    /** For a new entry: the review-queue question it answers (its text the first example). */
    fromQuestion?: UnansweredView;
    categories: string[];
  },
) {
  const { entry } = props;
  const removed = entry?.status === 'removed';
  return (
    <KbLayout title={entry ? entry.title : '新增条目'} tab="entries" {...props}>
      <p>
        <a href="/console/kb">← 返回条目</a>
      </p>
      <form
        id="kb-entry-form"
        class="card"
        data-entry-id={entry?.id ?? ''}
        data-question-id={props.fromQuestion ? String(props.fromQuestion.id) : ''}
      >
        <h2>
          {entry ? `编辑：${entry.title}` : '新增条目'}
          {entry ? <span class="meta"> · {STATUS_NAMES[entry.status]}</span> : null}
        </h2>
        {props.fromQuestion ? (
          <p class="meta" id="kb-from-question">
            来自待完善问题：“{props.fromQuestion.text}”（已作为第一个示例问题）
          </p>
        ) : null}
        {removed ? <p class="overdue-text">此条目已在草稿中删除，发布后客户将不再得到这条答复。</p> : null}
        <label>
          标题
          <input name="title" id="kb-title" value={entry?.title ?? ''} maxlength={100} required />
        </label>
        <label>
          分类
          <input
            name="category"
            id="kb-category"
            value={entry?.category ?? ''}
            maxlength={50}
            list="kb-categories"
            required
          />
          <datalist id="kb-categories">
            {props.categories.map((c) => (
              <option value={c} />
            ))}
          </datalist>
        </label>
        <label>
          依据条款（可空）
          <input
            name="clause"
            id="kb-clause"
            value={entry?.clause ?? ''}
            maxlength={50}
            placeholder="例如：三、1"
          />
        </label>
        <label>
          答复（客户看到的文字；{'{{'}名称{'}}'} 为当地信息占位）
          <textarea name="answer" id="kb-answer" rows={5} maxlength={4000} required>
            {entry?.answer ?? ''}
          </textarea>
        </label>
        <label>
          示例问题（每行一个，至少 3 个）
          <textarea name="examples" id="kb-examples" rows={8} required>
            {(entry?.examples ?? (props.fromQuestion ? [props.fromQuestion.text] : [])).join('\n')}
          </textarea>
        </label>
        {entry ? (
          <fieldset class="class-answers">
            <legend>按用电类别的答复（可空；空则用上面的答复）</legend>
            {CUSTOMER_CLASSES.map((c) => (
              <label>
                {CLASS_LABELS[c]}
                <textarea name={`class-${c}`} data-class={c} rows={2} maxlength={4000}>
                  {entry.classAnswers?.[c] ?? ''}
                </textarea>
              </label>
            ))}
          </fieldset>
        ) : null}
        <div class="actions">
          <button type="submit" name="action" value="save" id="kb-save">
            {entry ? '保存到草稿' : '新增到草稿'}
          </button>
          {entry && !removed ? (
            <button type="submit" name="action" value="delete" class="secondary" id="kb-delete">
              在草稿中删除
            </button>
          ) : null}
        </div>
        <p class="meta">保存只改草稿；到“预览、发布与版本”预览受影响的问题，班长发布后客户才看到。</p>
        <p class="error" id="kb-error" role="alert" />
        <p class="meta" id="kb-saved" role="status" />
      </form>
    </KbLayout>
  );
}

/**
 * The draft against the published version: the entries changed, the preview of the answers that
 * change (run on request: it asks every regression question of both), publishing with a note
 * (supervisors; others see the button disabled and why), and the versions with rollback.
 */
export function KbPublishPage(
  props: KbFrame & {
    changes: KbEntryView[];
    /** The concepts the draft changes, adds or removes. */
    conceptChanges: KbConceptView[];
    versions: KbVersionView[];
    /** Entry titles by id, for the preview's answers. */
    titles: Record<string, string>;
    supervisor: boolean;
  },
) {
  const notAllowed = props.supervisor ? undefined : '只有班长可以发布或回滚知识库。';
  return (
    <KbLayout title="知识库发布" tab="publish" {...props}>
      <section class="card" id="kb-draft">
        <h2>草稿中的修改</h2>
        {props.conceptChanges.length === 0 ? null : (
          <ul class="plain" id="kb-concept-changes">
            {props.conceptChanges.map((concept) => (
              <li>
                词汇 <a href={`/console/kb/concepts?q=${encodeURIComponent(concept.term)}`}>{concept.term}</a>{' '}
                <span class="meta">
                  {STATUS_NAMES[concept.status]} · {concept.updatedAt ? beijing(concept.updatedAt) : ''} ·{' '}
                  {concept.updatedBy ?? ''}
                </span>
              </li>
            ))}
          </ul>
        )}
        {props.changes.length === 0 ? (
          <p class="meta">草稿中没有条目修改。</p>
        ) : (
          <ul class="plain" id="kb-changes">
            {props.changes.map((e) => (
              <li>
                <a href={`/console/kb/entries/${encodeURIComponent(e.id)}`}>{e.title}</a>{' '}
                <span class="meta">
                  {STATUS_NAMES[e.status]} · {beijing(e.updatedAt)} · {e.updatedBy}
                </span>
              </li>
            ))}
          </ul>
        )}
        <div class="actions">
          <button type="button" id="kb-preview-run" class="secondary">
            预览受影响的问题
          </button>
        </div>
        <p class="meta" id="kb-preview-summary" role="status" />
        <ol class="plain kb-preview" id="kb-preview" data-titles={JSON.stringify(props.titles)} />
        <p class="error" id="kb-preview-error" role="alert" />
      </section>
      <form class="card" id="kb-publish-form">
        <h2>发布</h2>
        <label>
          发布说明（必填，记入版本记录）
          <textarea id="kb-note" name="note" rows={2} maxlength={500} required disabled={!props.supervisor} />
        </label>
        <button type="submit" id="kb-publish" disabled={!props.supervisor || !props.draft}>
          发布草稿
        </button>
        {notAllowed ? (
          <p class="meta" id="kb-publish-why">
            {notAllowed}
          </p>
        ) : props.draft ? null : (
          <p class="meta" id="kb-publish-why">
            草稿没有修改，无需发布。
          </p>
        )}
        <p class="error" id="kb-publish-error" role="alert" />
      </form>
      <section class="card">
        <h2>版本记录</h2>
        <table class="list" id="kb-versions">
          <thead>
            <tr>
              <th>版本</th>
              <th>时间（北京时间）</th>
              <th>发布人</th>
              <th>说明</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.versions.map((v) => (
              <tr class="kb-version" data-version={String(v.version)}>
                <td>
                  第 {v.version} 版
                  {v.version === props.version ? <span class="badge current">当前</span> : null}
                </td>
                <td>{beijing(v.createdAt)}</td>
                <td>{v.createdBy}</td>
                <td>
                  {v.note}
                  {v.restoredFrom === undefined || v.note.includes(`第 ${v.restoredFrom} 版`) ? null : (
                    <span class="meta">（回滚到第 {v.restoredFrom} 版）</span>
                  )}
                </td>
                <td>
                  {v.version === props.version ? null : (
                    <button
                      type="button"
                      class="secondary kb-rollback"
                      data-version={String(v.version)}
                      disabled={!props.supervisor}
                      title={notAllowed}
                    >
                      回滚到此版本
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {notAllowed ? <p class="meta">{notAllowed}</p> : null}
        <p class="error" id="kb-rollback-error" role="alert" />
      </section>
    </KbLayout>
  );
}

/**
 * 待完善问题: what customers asked that the knowledge base did not answer well, most recent first;
 * each attached to an entry (picked from a searchable list), to a new entry, or kept out of scope.
 */
export function KbReviewPage(
  props: KbFrame & {
    /** Each with the entries retrieval finds closest (offered first in the list). */
    questions: (UnansweredView & { suggested: string[] })[];
    entries: Pick<KbEntryView, 'id' | 'title' | 'category'>[];
  },
) {
  return (
    <KbLayout title="待完善问题" tab="review" {...props}>
      <p class="meta">
        客户问了、知识库没答好的问题（相近的问法合并，电话和户号的数字已隐去）。归入条目或标为不属于服务范围后，进入草稿，发布后生效。
      </p>
      <table class="list" id="kb-review">
        <thead>
          <tr>
            <th>客户的问题</th>
            <th>次数</th>
            <th>最近一次</th>
            <th>原因</th>
            <th>处理</th>
          </tr>
        </thead>
        <tbody>
          {props.questions.map((q) => (
            <tr class="review-row" data-question-id={String(q.id)}>
              <td class="text">{q.text}</td>
              <td>{q.count}</td>
              <td>{beijing(q.lastAt)}</td>
              <td>{REASON_NAMES[q.reason] ?? q.reason}</td>
              <td>
                <div class="actions">
                  <button
                    type="button"
                    class="attach-open"
                    data-question-id={String(q.id)}
                    data-text={q.text}
                  >
                    归入已有条目
                  </button>
                  <a class="button-link secondary" href={`/console/kb/new?question=${q.id}`}>
                    新建条目
                  </a>
                  <button type="button" class="secondary out-of-scope" data-question-id={String(q.id)}>
                    不属于服务范围
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.questions.length === 0 ? <p class="empty">没有待完善的问题。</p> : null}
      <p class="error" id="review-error" role="alert" />
      <dialog id="attach-dialog">
        <form method="dialog">
          <h2>归入已有条目</h2>
          <p class="meta">
            问题：“
            <span id="attach-question" />”
          </p>
          <p class="meta">标“相近”的是知识库检索与这个问题最接近的条目，排在最前。</p>
          <input
            type="search"
            id="attach-filter"
            placeholder="按标题或分类筛选"
            aria-label="筛选条目"
            autocomplete="off"
          />
          <ul class="plain attach-list">
            {props.entries.map((e) => (
              <li data-search={`${e.title}\n${e.category}\n${e.id}`.toLowerCase()} data-entry-id={e.id}>
                <button type="button" class="link attach-to" data-entry-id={e.id}>
                  {e.title}
                </button>{' '}
                <span class="meta">{e.category}</span>
                <span class="badge current suggested-mark">相近</span>
              </li>
            ))}
          </ul>
          <p class="error" id="attach-error" role="alert" />
          <button type="submit" class="secondary">
            取消
          </button>
        </form>
      </dialog>
    </KbLayout>
  );
}
