import type { CannedReply } from '../../db/canned-reply-store.js';
import { citationForPeople } from '../../knowledge/citation.js';
import type { Suggestion } from '../kb/suggestions.js';
import { beijing } from './format.js';
import { clip, Layout } from './pages.js';

/** A canned reply as the console shows it: who wrote the current text by name. */
export type CannedReplyView = CannedReply & { author: string };

/**
 * Beside a conversation: the knowledge base's top entries for the customer's last message, and the
 * canned replies with a quick filter. A click puts the text into the reply box at the cursor,
 * replacing only what is selected there (assist.js): what the agent typed stays.
 */
export function AssistPanel(props: {
  suggestions: Suggestion[];
  /** The customer message the suggestions are for, if there is one. */
  question: string | undefined;
  cannedReplies: CannedReplyView[];
}) {
  return (
    <>
      <section class="card assist" id="kb-suggestions">
        <h2>知识库建议</h2>
        {props.question === undefined ? (
          <p class="meta">客户还没有发言。</p>
        ) : props.suggestions.length === 0 ? (
          <p class="meta">知识库中没有与客户最后一条消息相关的条目。</p>
        ) : (
          <>
            <p class="meta">针对客户最后一条消息：“{clip(props.question, 40)}”</p>
            <ol class="plain suggestions">
              {props.suggestions.map((s) => (
                <li class="suggestion" data-entry-id={s.id}>
                  <div class="suggestion-head">
                    <strong class="title">{s.title}</strong>
                    <span class="meta"> 匹配度 {Math.round(s.confidence * 100)}%</span>
                  </div>
                  <p class="meta clause">依据：{citationForPeople(s.clause)}</p>
                  <p class="answer" title={s.answer}>
                    {s.answer}
                  </p>
                  <button type="button" class="secondary insert-reply" data-text={s.answer}>
                    插入回复框
                  </button>
                </li>
              ))}
            </ol>
          </>
        )}
      </section>
      <section class="card assist" id="canned-picker">
        <h2>
          快捷回复 <a href="/console/canned-replies">管理</a>
        </h2>
        {props.cannedReplies.length === 0 ? (
          <p class="meta">还没有快捷回复，班长可在“快捷回复”页添加。</p>
        ) : (
          <>
            <input
              type="search"
              id="canned-filter"
              placeholder="筛选快捷回复"
              aria-label="筛选快捷回复"
              autocomplete="off"
            />
            <ul class="plain canned-list">
              {props.cannedReplies.map((r) => (
                <li class="canned" data-search={`${r.title}\n${r.text}`.toLowerCase()}>
                  <button type="button" class="link insert-reply" data-text={r.text} title={r.text}>
                    {r.title}
                  </button>
                </li>
              ))}
            </ul>
            <p class="meta" id="canned-none" hidden>
              没有符合的快捷回复。
            </p>
          </>
        )}
      </section>
    </>
  );
}

/**
 * 快捷回复: every staff member sees the list (and uses it on the conversation page); a supervisor
 * adds, changes and removes replies, since customers read them as they are.
 */
export function CannedRepliesPage(props: {
  replies: CannedReplyView[];
  supervisor: boolean;
  username: string;
  csrfToken: string;
}) {
  return (
    <Layout
      title="快捷回复"
      section="canned"
      username={props.username}
      csrfToken={props.csrfToken}
      scripts={['/console/assets/assist.js']}
    >
      <h1>快捷回复</h1>
      <p class="meta">
        在会话页右侧一键插入回复框。
        {props.supervisor ? '' : '只有班长可以新增、修改或删除快捷回复。'}
      </p>
      <table class="list" id="canned-replies">
        <thead>
          <tr>
            <th>标题</th>
            <th>内容</th>
            <th>最后修改</th>
          </tr>
        </thead>
        <tbody>
          {props.replies.map((r) => (
            <tr class="canned-row" data-canned-id={r.id}>
              <td class="title">
                {props.supervisor ? (
                  <input
                    name="title"
                    form={`canned-${r.id}`}
                    value={r.title}
                    maxlength={40}
                    aria-label="标题"
                    required
                  />
                ) : (
                  r.title
                )}
              </td>
              <td class="text">
                {props.supervisor ? (
                  <form id={`canned-${r.id}`} class="canned-edit" data-canned-id={r.id}>
                    <textarea name="text" rows={3} maxlength={2000} aria-label="内容" required>
                      {r.text}
                    </textarea>
                    <div class="actions">
                      <button type="submit" name="action" value="save">
                        保存
                      </button>
                      <button type="submit" name="action" value="delete" class="secondary">
                        删除
                      </button>
                    </div>
                    <p class="error" role="alert" />
                  </form>
                ) : (
                  <span class="pre">{r.text}</span>
                )}
              </td>
              <td class="meta">
                {beijing(r.updatedAt)} · {r.author}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.replies.length === 0 ? <p class="empty">还没有快捷回复。</p> : null}
      {props.supervisor ? (
        <form id="canned-form" class="card">
          <h2>新增快捷回复</h2>
          <label>
            标题（在会话页显示，最多 40 字）
            <input name="title" id="canned-title" maxlength={40} required />
          </label>
          <label>
            内容（插入回复框的文字）
            <textarea name="text" id="canned-text" rows={4} maxlength={2000} required />
          </label>
          <button type="submit">新增</button>
          <p class="error" id="canned-error" role="alert" />
        </form>
      ) : null}
    </Layout>
  );
}
