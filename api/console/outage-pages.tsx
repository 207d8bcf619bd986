import type { Outage } from '../../db/outage-store.js';
import { outageWindow } from '../assistant/flows/outage-replies.js';
import { encodeCursor } from '../routes/paging.js';
import { beijing } from './format.js';
import { FilterSelect, Layout, NextPage } from './pages.js';

const KIND_NAMES: Record<string, string> = { planned: '计划停电', fault: '故障停电' };
const STATUS_NAMES: Record<string, string> = {
  active: '进行中/待执行',
  restored: '已恢复',
  cancelled: '已取消',
};

export interface OutageListFilter {
  active?: 'true' | 'false';
  area?: string;
}

function outagesHref(filter: OutageListFilter, next: unknown): string {
  const params = new URLSearchParams();
  if (filter.active) params.set('active', filter.active);
  if (filter.area) params.set('area', filter.area);
  params.set('cursor', encodeCursor(next));
  return `/console/outages?${params.toString()}`;
}

/**
 * Outages: the list (active only or all, by area; latest start first, by page), a form to record
 * one, and on each active one its changes (a new expected restoration, restored, cancelled). The
 * browser sends changes to the JSON API (console.js); times are Beijing time.
 */
export function OutagesPage(props: {
  outages: Outage[];
  areas: readonly string[];
  filter: OutageListFilter;
  next?: unknown;
  now: Date;
  username: string;
  csrfToken: string;
}) {
  const { filter } = props;
  return (
    <Layout title="停电" section="outages" username={props.username} csrfToken={props.csrfToken}>
      <h1>停电</h1>
      <form class="filters" method="get" action="/console/outages">
        <label>
          范围
          <select name="active">
            <option value="true" selected={filter.active === 'true'}>
              进行中/待执行
            </option>
            <option value="" selected={filter.active !== 'true'}>
              全部
            </option>
          </select>
        </label>
        <label>
          片区
          <FilterSelect
            name="area"
            anyLabel="全部片区"
            values={props.areas}
            label={(area) => area}
            selected={filter.area}
          />
        </label>
        <button type="submit">筛选</button>
      </form>
      <table class="list" id="outages">
        <thead>
          <tr>
            <th>编号</th>
            <th>类型</th>
            <th>状态</th>
            <th>片区</th>
            <th>时间（北京时间）</th>
            <th>预计恢复</th>
            <th>原因</th>
            <th>关联客户</th>
            <th>已通知</th>
            <th>操作</th>
          </tr>
        </thead>
        <tbody>
          {props.outages.map((o) => (
            <tr class="outage-row" data-outage-id={o.id}>
              <td>{o.number}</td>
              <td>{KIND_NAMES[o.kind] ?? o.kind}</td>
              <td>{STATUS_NAMES[o.status] ?? o.status}</td>
              <td>{o.areas.join('、')}</td>
              <td>{outageWindow(o.startsAt, o.endsAt)}</td>
              <td>{o.expectedRestoreAt ? beijing(o.expectedRestoreAt) : '—'}</td>
              <td>{o.reason}</td>
              <td class="linked">{o.linked}</td>
              <td class="notified">{o.notified}</td>
              <td>
                {o.status === 'active' ? (
                  <form class="outage-update" data-outage-id={o.id}>
                    <input type="datetime-local" name="expectedRestoreAt" aria-label="新的预计恢复时间" />
                    <button type="submit" name="action" value="time" class="secondary">
                      更新预计恢复
                    </button>
                    {o.kind === 'fault' || o.startsAt.getTime() <= props.now.getTime() ? (
                      <button type="submit" name="action" value="restored">
                        已恢复供电
                      </button>
                    ) : null}
                    <button type="submit" name="action" value="cancelled" class="secondary">
                      取消
                    </button>
                    <p class="error" role="alert" />
                  </form>
                ) : (
                  <span class="meta">{o.closedAt ? beijing(o.closedAt) : ''}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.outages.length === 0 ? <p class="empty">没有符合条件的停电。</p> : null}
      <NextPage href={props.next ? outagesHref(filter, props.next) : undefined} />
      <form id="outage-form" class="card">
        <h2>登记停电</h2>
        <label>
          类型
          <select name="kind" id="outage-kind">
            <option value="fault">故障停电</option>
            <option value="planned">计划停电</option>
          </select>
        </label>
        <label>
          片区（可多选）
          <select name="areas" id="outage-areas" multiple required>
            {props.areas.map((area) => (
              <option value={area}>{area}</option>
            ))}
          </select>
        </label>
        <label>
          开始时间
          <input type="datetime-local" name="startsAt" id="outage-starts" required />
        </label>
        <label>
          结束时间（计划停电必填）
          <input type="datetime-local" name="endsAt" id="outage-ends" />
        </label>
        <label>
          预计恢复时间（故障停电）
          <input type="datetime-local" name="expectedRestoreAt" id="outage-restore" />
        </label>
        <label>
          原因（客户可见）
          <textarea name="reason" id="outage-reason" rows={2} maxlength={500} required />
        </label>
        <button type="submit">登记</button>
        <p class="error" id="outage-error" role="alert" />
      </form>
    </Layout>
  );
}
