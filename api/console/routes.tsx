import { type Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import type { AccountStore } from '../../db/account-store.js';
import type { CannedReplyStore } from '../../db/canned-reply-store.js';
import type { DeliveryStore } from '../../db/channel-store.js';
import type { OutageStore } from '../../db/outage-store.js';
import type { StaffStore, StaffUser } from '../../db/staff-store.js';
import type { ConversationRecord, Store } from '../../db/store.js';
import type { TicketStore } from '../../db/ticket-store.js';
import type { Knowledge } from '../../knowledge/index.js';
import { earlierConversations } from '../accounts/earlier-conversations.js';
import { maskName } from '../accounts/identity.js';
import { parseCaseListQuery, readCaseList } from '../cases/case-list.js';
import { readHistory } from '../cases/history.js';
import { readStats } from '../cases/stats.js';
import { SUGGESTION_MIN_CONFIDENCE, suggestionsFor } from '../kb/suggestions.js';
import { CANNED_REPLY_LIMIT } from '../routes/canned-replies.js';
import { outageCursor, outageListQuery } from '../routes/outages.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor, pageQuery } from '../routes/paging.js';
import { parseOrThrow } from '../routes/validation.js';
import { signedInStaff } from '../staff/auth.js';
import type { DueSoonRule } from '../standard/working-hours.js';
import { CONSOLE_ASSET_TYPES, type ConsoleAssets, isConsoleAssetName, readConsoleAsset } from './assets.js';
import { AssistPanel, CannedRepliesPage } from './assist-pages.js';
import {
  KbConceptsPage,
  type KbConsoleSource,
  KbEntriesPage,
  KbEntryPage,
  KbPublishPage,
  KbReviewPage,
  type UnansweredView,
} from './kb-pages.js';
import { OutagesPage } from './outage-pages.js';
import {
  CasePage,
  CasesPage,
  ConversationPage,
  DashboardPage,
  LoginPage,
  NotFoundPage,
  PasswordPage,
  QueuePage,
  type SidePanel,
  StaffPage,
  type VerifiedCustomer,
} from './pages.js';

export interface ConsoleDeps {
  store: Store;
  tickets: TicketStore;
  staff: StaffStore;
  deliveries: DeliveryStore;
  accounts: AccountStore;
  outages: OutageStore;
  cannedReplies: CannedReplyStore;
  /** The knowledge base's draft, versions and review queue (./kb-source.ts). */
  kb: KbConsoleSource;
  /** The knowledge answering now, asked per request (a published version swaps it). */
  currentKnowledge: () => Promise<Knowledge>;
  /** The supply areas, for the outage page's choices. */
  areas: { names: readonly string[]; has(area: string): boolean };
  clock: () => Date;
  /** The deadline scanner's rule, so amber in the console means what the scanner escalates. */
  isDueSoon: DueSoonRule;
  /** The static files as text (a Workers bundle carries them); unset, they are read from disk once (Node). */
  consoleAssets?: ConsoleAssets;
}

const queueQuery = z.object({ ...pageQuery, tab: z.enum(['waiting', 'mine', 'all']).default('waiting') });
const queueCursor = z.object({ since: z.number().int(), id: z.string().max(200) });
/** A transcript in the console: the latest messages, or those before a message (the older page). */
const transcriptQuery = z.object({
  before: z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number)
    .optional(),
});

/** A transcript page shows at most this many internal notes; the side panel this many items (bills: 12). */
const NOTES_PER_PAGE = 200;
const PANEL_ITEMS = 10;
const PANEL_BILLS = 12;

/** No inline script can run on a console page: customer text that slipped through would still be inert. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * The staff console: server-rendered pages (Hono JSX) read the stores directly after the same
 * session check as `requireStaff`; state changes go from the browser to the JSON API with the
 * session's CSRF token.
 */
export function consoleRoutes(deps: ConsoleDeps) {
  // Static files of the console, read once; chart.js comes from node_modules (or the bundle), never a CDN.
  const cache = new Map<string, string>();
  const asset = (name: string) => {
    if (!isConsoleAssetName(name)) return undefined;
    let body = deps.consoleAssets?.[name] ?? cache.get(name);
    if (body === undefined) {
      body = readConsoleAsset(name);
      cache.set(name, body);
    }
    return { body, type: CONSOLE_ASSET_TYPES[name] };
  };

  /** The signed-in staff member and the session's CSRF token, or undefined (then the page redirects). */
  const sessionOf = async (c: Context): Promise<{ user: StaffUser; csrfToken: string } | undefined> => {
    const signedIn = await signedInStaff(c, deps.staff, deps.clock());
    return signedIn && { user: signedIn.staff, csrfToken: signedIn.csrfToken };
  };

  const page = async (c: Context, element: Child, status: 200 | 404 = 200) => {
    const html = await (element as { toString(): string | Promise<string> }).toString();
    c.header('content-security-policy', CSP);
    c.header('x-content-type-options', 'nosniff');
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'same-origin');
    return c.html(`<!DOCTYPE html>${html}`, status);
  };

  const usernameOf = async (id: string | null) =>
    id ? ((await deps.staff.findById(id))?.username ?? id) : null;

  /**
   * The conversation page's side panel: the verified account (masked name, class, its latest bills
   * and what of them is unpaid, its applications and their stages) and the customer's latest cases
   * (from this chat and on the account) and earlier conversations (the account's other chat users):
   * a few indexed reads, each with a limit.
   */
  const sidePanel = async (conversation: ConversationRecord): Promise<SidePanel> => {
    const bound = await deps.accounts.boundAccounts(conversation, deps.clock());
    const accountNumber = bound.at(-1);
    const account = accountNumber ? await deps.accounts.findAccount(accountNumber) : undefined;
    const [bills, applications, ownCases, accountCases, earlier] = await Promise.all([
      account ? deps.accounts.listBills(account.accountNumber, PANEL_BILLS) : [],
      account ? deps.accounts.listApplications(account.accountNumber, PANEL_ITEMS) : [],
      deps.tickets.listForUser(conversation.channel, conversation.userId, PANEL_ITEMS),
      account ? deps.tickets.listForAccount(account.accountNumber, PANEL_ITEMS) : [],
      account ? earlierConversations(conversation, account.accountNumber, deps.accounts, PANEL_ITEMS) : [],
    ]);
    const cases = [...new Map([...ownCases, ...accountCases].map((t) => [t.id, t])).values()]
      .sort((a, b) => b.acceptedAt.getTime() - a.acceptedAt.getTime())
      .slice(0, PANEL_ITEMS);
    return {
      ...(account
        ? {
            account: {
              accountNumber: account.accountNumber,
              maskedName: maskName(account.name),
              classLabel: account.classLabel,
            },
          }
        : {}),
      bills,
      applications,
      cases,
      earlier,
    };
  };

  /** The account this channel user proved to own most recently (name masked), if any: two key reads. */
  const verifiedCustomer = async (
    conversation: ConversationRecord,
  ): Promise<VerifiedCustomer | undefined> => {
    const bound = await deps.accounts.boundAccounts(conversation, deps.clock());
    const accountNumber = bound.at(-1);
    const account = accountNumber ? await deps.accounts.findAccount(accountNumber) : undefined;
    return account
      ? {
          accountNumber: account.accountNumber,
          maskedName: maskName(account.name),
          classLabel: account.classLabel,
        }
      : undefined;
  };

  /** Canned replies with their authors' names, by title. */
  const cannedReplies = async () => {
    const [replies, staff] = await Promise.all([
      deps.cannedReplies.list(CANNED_REPLY_LIMIT),
      deps.staff.list(),
    ]);
    const names = new Map(staff.map((s) => [s.id, s.username]));
    return replies.map((r) => ({ ...r, author: names.get(r.updatedBy) ?? r.updatedBy }));
  };

  /** Review-queue questions with the entries the knowledge answering now finds closest to each. */
  const suggestedEntries = async (questions: UnansweredView[]) => {
    const knowledge = await deps.currentKnowledge();
    return Promise.all(
      questions.map(async (q) => ({
        ...q,
        suggested: (await suggestionsFor(knowledge, q.text, SUGGESTION_MIN_CONFIDENCE)).map((s) => s.id),
      })),
    );
  };

  type Staff = NonNullable<Awaited<ReturnType<typeof sessionOf>>>;
  const notFound = (c: Context, me: Staff, what: string) =>
    page(c, <NotFoundPage what={what} username={me.user.username} csrfToken={me.csrfToken} />, 404);
  /** A 知识库 page: the draft's entries read first (every page shows the version and draft state). */
  const kbPage =
    (
      render: (view: {
        c: Context;
        me: Staff;
        kb: KbConsoleSource;
        draft: Awaited<ReturnType<KbConsoleSource['entries']>>;
        /** What every 知识库 page shows around its content. */
        frame: { version: number; draft: boolean; username: string; csrfToken: string };
      }) => Promise<Response>,
    ) =>
    async (c: Context, me: Staff) => {
      const draft = await deps.kb.entries();
      const frame = {
        version: draft.version,
        draft: draft.draft,
        username: me.user.username,
        csrfToken: me.csrfToken,
      };
      return render({ c, me, kb: deps.kb, draft, frame });
    };
  const staffPage =
    (render: (c: Context, me: Staff) => Promise<Response>) =>
    async (c: Context): Promise<Response> => {
      const me = await sessionOf(c);
      if (!me) return c.redirect('/console/login', 302);
      // A generated first password is changed before anything else.
      if (me.user.mustChangePassword) return c.redirect('/console/password', 302);
      return render(c, me);
    };

  return new Hono()
    .get('/assets/:name', (c) => {
      const found = asset(c.req.param('name'));
      if (!found) return c.text('not found', 404);
      c.header('content-type', found.type);
      c.header('x-content-type-options', 'nosniff');
      c.header('cache-control', 'no-cache');
      return c.body(found.body);
    })
    .get('/', (c) => c.redirect('/console/queue', 302))
    .get('/login', async (c) => {
      if (await sessionOf(c)) return c.redirect('/console/queue', 302);
      return page(c, <LoginPage />);
    })
    .get('/password', async (c) => {
      const me = await sessionOf(c);
      if (!me) return c.redirect('/console/login', 302);
      return page(
        c,
        <PasswordPage
          username={me.user.username}
          csrfToken={me.csrfToken}
          required={me.user.mustChangePassword}
        />,
      );
    })
    .get(
      '/queue',
      staffPage(async (c, me) => {
        const { limit, cursor, tab } = parseOrThrow(queueQuery, c.req.query());
        const queue = await deps.store.listHandoffs({
          limit: limit ?? DEFAULT_PAGE_SIZE,
          ...(cursor ? { after: decodeCursor(cursor, queueCursor) } : {}),
          ...(tab === 'all' ? {} : { owner: tab === 'mine' ? me.user.id : null }),
        });
        const names = new Map((await deps.staff.list()).map((s) => [s.id, s.username]));
        const items = await Promise.all(
          queue.items.map(async (h) => ({
            conversation: h,
            lastCustomerMessage: h.lastCustomerMessage,
            ownerName: h.handoffOwner ? (names.get(h.handoffOwner) ?? h.handoffOwner) : null,
            customer: await verifiedCustomer(h),
          })),
        );
        return page(
          c,
          <QueuePage
            items={items}
            tab={tab}
            waitingCount={await deps.store.countWaitingHandoffs()}
            now={deps.clock()}
            {...(queue.next
              ? { nextHref: `/console/queue?tab=${tab}&cursor=${encodeCursor(queue.next)}` }
              : {})}
            username={me.user.username}
            csrfToken={me.csrfToken}
          />,
        );
      }),
    )
    .get(
      '/conversations/:id',
      staffPage(async (c, me) => {
        const conversation = await deps.store.getConversation(c.req.param('id') ?? '');
        if (!conversation)
          return page(
            c,
            <NotFoundPage what="会话" username={me.user.username} csrfToken={me.csrfToken} />,
            404,
          );
        const { before } = parseOrThrow(transcriptQuery, c.req.query());
        await deps.staff.audit(me.user.id, 'open_conversation', conversation.id, deps.clock());
        // The latest page of the transcript (one more tells whether older messages remain), oldest first.
        const found = await deps.store.latestMessages(conversation.id, DEFAULT_PAGE_SIZE + 1, before);
        const messages = found.slice(0, DEFAULT_PAGE_SIZE).reverse();
        const deliveries = await deps.deliveries.forMessages(messages.map((m) => m.id));
        const base = `/console/conversations/${encodeURIComponent(conversation.id)}`;
        const oldest = messages[0];
        // The notes among this page: from its oldest message (from the start on the first page) to
        // the next page's oldest (the message `before`), or on to now on the latest page.
        const first = found.length <= DEFAULT_PAGE_SIZE;
        const next =
          before !== undefined
            ? (await deps.store.latestMessages(conversation.id, 1, before + 1))[0]?.createdAt
            : undefined;
        const notes = await deps.store.notesBetween(
          conversation.id,
          first || !oldest ? new Date(0) : oldest.createdAt,
          next,
          NOTES_PER_PAGE,
        );
        const colleagues = await deps.staff.list();
        const names = new Map(colleagues.map((s) => [s.id, s.username]));
        // The suggestions answer the customer's newest message, whichever page of the transcript is shown.
        const latest =
          before === undefined ? found : await deps.store.latestMessages(conversation.id, DEFAULT_PAGE_SIZE);
        const question = latest.find((m) => m.role === 'customer')?.text;
        return page(
          c,
          <ConversationPage
            conversation={conversation}
            messages={messages}
            notes={notes.map((n) => ({ ...n, author: names.get(n.staffId) ?? n.staffId }))}
            panel={await sidePanel(conversation)}
            deliveries={new Map(deliveries.flatMap((d) => (d.messageId === null ? [] : [[d.messageId, d]])))}
            {...(found.length > DEFAULT_PAGE_SIZE && oldest
              ? { olderHref: `${base}?before=${oldest.id}` }
              : {})}
            {...(before !== undefined ? { latestHref: base } : {})}
            ownerName={await usernameOf(conversation.handoffOwner)}
            colleagues={colleagues.filter((s) => s.id !== conversation.handoffOwner)}
            assist={
              <AssistPanel
                question={question}
                suggestions={
                  await suggestionsFor(await deps.currentKnowledge(), question, SUGGESTION_MIN_CONFIDENCE)
                }
                cannedReplies={await cannedReplies()}
              />
            }
            username={me.user.username}
            csrfToken={me.csrfToken}
          />,
        );
      }),
    )
    .get(
      '/cases',
      staffPage(async (c, me) => {
        const now = deps.clock();
        // As GET /v1/tickets: a page, overdue first, with its filters and search.
        const query = parseCaseListQuery(c.req.query());
        const list = await readCaseList(deps.tickets, query, now);
        const staff = await deps.staff.list();
        return page(
          c,
          <CasesPage
            tickets={list.items}
            query={query}
            {...(list.nextCursor ? { nextCursor: list.nextCursor } : {})}
            now={now}
            isDueSoon={deps.isDueSoon}
            staffNames={new Map(staff.map((s) => [s.id, s.username]))}
            colleagues={staff.filter((s) => !s.disabledAt)}
            overdueSignal={await deps.tickets.overdueSignal()}
            username={me.user.username}
            csrfToken={me.csrfToken}
          />,
        );
      }),
    )
    .get(
      '/cases/:id',
      staffPage(async (c, me) => {
        const ticket = await deps.tickets.get(c.req.param('id') ?? '');
        if (!ticket)
          return page(
            c,
            <NotFoundPage what="工单" username={me.user.username} csrfToken={me.csrfToken} />,
            404,
          );
        const now = deps.clock();
        await deps.staff.audit(me.user.id, 'open_case', ticket.id, now);
        // A page of its history, newest first (the query's cursor walks to older ones).
        const history = await readHistory(deps.tickets, ticket.id, c.req.query());
        const base = `/console/cases/${encodeURIComponent(ticket.id)}`;
        return page(
          c,
          <CasePage
            ticket={ticket}
            events={history.items}
            {...(history.nextCursor
              ? { olderHref: `${base}?cursor=${encodeURIComponent(history.nextCursor)}` }
              : {})}
            {...(c.req.query('cursor') ? { latestHref: base } : {})}
            assigneeName={await usernameOf(ticket.assignee)}
            now={now}
            isDueSoon={deps.isDueSoon}
            username={me.user.username}
            csrfToken={me.csrfToken}
          />,
        );
      }),
    )
    .get(
      '/staff',
      staffPage(async (c, me) =>
        page(
          c,
          <StaffPage
            users={await deps.staff.list()}
            me={me.user}
            username={me.user.username}
            csrfToken={me.csrfToken}
          />,
        ),
      ),
    )
    .get(
      '/canned-replies',
      staffPage(async (c, me) =>
        page(
          c,
          <CannedRepliesPage
            replies={await cannedReplies()}
            supervisor={me.user.role === 'supervisor'}
            username={me.user.username}
            csrfToken={me.csrfToken}
          />,
        ),
      ),
    )
    .get(
      '/kb',
      staffPage(
        kbPage(async ({ c, draft, frame }) => {
          const q = (c.req.query('q') ?? '').trim().slice(0, 100);
          const words = q.toLowerCase().split(/\s+/).filter(Boolean);
          const found = draft.items.filter((e) => {
            const text = [e.title, e.category, e.clause, e.answer, ...e.examples].join('\n').toLowerCase();
            return words.every((word) => text.includes(word));
          });
          return page(c, <KbEntriesPage entries={found} q={q} total={draft.items.length} {...frame} />);
        }),
      ),
    )
    .get(
      '/kb/concepts',
      staffPage(
        kbPage(async ({ c, kb, frame }) => {
          const q = (c.req.query('q') ?? '').trim().slice(0, 60);
          const words = q.toLowerCase().split(/\s+/).filter(Boolean);
          const { items } = await kb.concepts();
          const found = items.filter((concept) => {
            const text = [concept.term, ...concept.variants].join('\n').toLowerCase();
            return words.every((word) => text.includes(word));
          });
          return page(c, <KbConceptsPage concepts={found} q={q} total={items.length} {...frame} />);
        }),
      ),
    )
    .get(
      '/kb/new',
      staffPage(
        kbPage(async ({ c, kb, draft, frame }) => {
          const questionId = Number(c.req.query('question'));
          const fromQuestion = Number.isSafeInteger(questionId)
            ? (await kb.unanswered()).find((q) => q.id === questionId)
            : undefined;
          return page(
            c,
            <KbEntryPage
              {...(fromQuestion ? { fromQuestion } : {})}
              categories={[...new Set(draft.items.map((e) => e.category))]}
              {...frame}
            />,
          );
        }),
      ),
    )
    .get(
      '/kb/entries/:id',
      staffPage(
        kbPage(async ({ c, me, draft, frame }) => {
          const entry = draft.items.find((e) => e.id === c.req.param('id'));
          if (!entry) return notFound(c, me, '知识库条目');
          return page(
            c,
            <KbEntryPage
              entry={entry}
              categories={[...new Set(draft.items.map((e) => e.category))]}
              {...frame}
            />,
          );
        }),
      ),
    )
    .get(
      '/kb/publish',
      staffPage(
        kbPage(async ({ c, me, kb, draft, frame }) =>
          page(
            c,
            <KbPublishPage
              changes={draft.items.filter((e) => e.status !== 'published')}
              conceptChanges={(await kb.concepts()).items.filter((concept) => concept.status !== 'published')}
              versions={await kb.versions()}
              titles={Object.fromEntries(draft.items.map((e) => [e.id, e.title]))}
              supervisor={me.user.role === 'supervisor'}
              {...frame}
            />,
          ),
        ),
      ),
    )
    .get(
      '/kb/review',
      staffPage(
        kbPage(async ({ c, kb, draft, frame }) =>
          page(
            c,
            <KbReviewPage
              questions={await suggestedEntries(await kb.unanswered())}
              entries={draft.items.filter((e) => e.status !== 'removed')}
              {...frame}
            />,
          ),
        ),
      ),
    )
    .get(
      '/outages',
      staffPage(async (c, me) => {
        // As GET /v1/outages; the page opens on the active ones.
        const given = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
        const query = parseOrThrow(
          outageListQuery,
          'active' in c.req.query() ? given : { ...given, active: 'true' },
        );
        const area = query.area && deps.areas.has(query.area) ? query.area : undefined;
        const list = await deps.outages.page({
          active: query.active === 'true',
          area,
          after: query.cursor ? decodeCursor(query.cursor, outageCursor) : undefined,
          limit: query.limit ?? DEFAULT_PAGE_SIZE,
        });
        return page(
          c,
          <OutagesPage
            outages={list.items}
            areas={deps.areas.names}
            filter={{
              ...(query.active === 'true' ? { active: 'true' as const } : {}),
              ...(area ? { area } : {}),
            }}
            {...(list.next ? { next: list.next } : {})}
            now={deps.clock()}
            username={me.user.username}
            csrfToken={me.csrfToken}
          />,
        );
      }),
    )
    .get(
      '/dashboard',
      staffPage(async (c, me) => {
        const [{ stats, kinds, accepted }, absorbed, overdueSignal] = await Promise.all([
          readStats(deps.tickets, deps.clock()),
          deps.outages.absorbedReports(),
          deps.tickets.overdueSignal(),
        ]);
        return page(
          c,
          <DashboardPage
            rows={kinds}
            stats={stats}
            accepted={accepted}
            absorbed={absorbed}
            overdueSignal={overdueSignal}
            username={me.user.username}
            csrfToken={me.csrfToken}
          />,
        );
      }),
    );
}
