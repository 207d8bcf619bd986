import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import type { AccountStore } from '../db/account-store.js';
import type { CannedReplyStore } from '../db/canned-reply-store.js';
import type { DeliveryStore } from '../db/channel-store.js';
import type { KbStore } from '../db/kb-store.js';
import type { LimitStore } from '../db/limit-store.js';
import type { OutageStore } from '../db/outage-store.js';
import type { StaffStore } from '../db/staff-store.js';
import type { Store } from '../db/store.js';
import type { TicketStore } from '../db/ticket-store.js';
import type { Areas } from '../knowledge/areas.js';
import type { ConceptList } from '../knowledge/concepts.js';
import type { Knowledge } from '../knowledge/index.js';
import type { LocalFacts } from '../knowledge/knowledge-base.js';
import type { Assistant } from './assistant/assistant.js';
import type { ChannelWebhook } from './channel/contract.js';
import type { ConsoleAssets } from './console/assets.js';
import { kbConsoleSource } from './console/kb-source.js';
import { consoleRoutes } from './console/routes.js';
import { ApiError, createErrorHandler, errorBody } from './errors.js';
import type { Handoffs } from './handoff/handoffs.js';
import type { KbPreview } from './kb/preview.js';
import type { ChatLimits } from './limits/chat-limits.js';
import { type ClientAddressOf, clientAddress, nodeClientAddress } from './limits/client-address.js';
import { createChannelGuard } from './middleware/channel-auth.js';
import { requestLogger } from './middleware/request-logger.js';
import { cannedReplyRoutes } from './routes/canned-replies.js';
import { handoffRoutes } from './routes/handoffs.js';
import { healthRoutes } from './routes/health.js';
import { kbRoutes } from './routes/kb.js';
import { liveRoutes } from './routes/live.js';
import { messagesRoutes } from './routes/messages.js';
import { outageRoutes } from './routes/outages.js';
import { outboxRoutes } from './routes/outbox.js';
import { staffPasswordRoutes, staffSessionRoutes, staffUserRoutes } from './routes/staff.js';
import { standardsRoutes } from './routes/standards.js';
import { statsRoutes, ticketRoutes } from './routes/tickets.js';
import { readJsonObject } from './routes/validation.js';
import { createLoginThrottle } from './staff/login-throttle.js';
import type { WorkdayCalendar } from './standard/calendar.js';
import type { DueSoonRule } from './standard/working-hours.js';

export interface AppDeps {
  store: Store;
  /** The knowledge the service started with (health's entry count before a version is loaded). */
  knowledge: Knowledge;
  /** The published version held now, without a database read (health); undefined before one is loaded. */
  knowledgeInUse?: () => { number: number; knowledge: Knowledge } | undefined;
  assistant: Assistant;
  handoffs: Handoffs;
  logger: Logger;
  apiServiceToken?: string;
  calendar: WorkdayCalendar;
  tickets: TicketStore;
  staff: StaffStore;
  deliveries: DeliveryStore;
  accounts: AccountStore;
  outages: OutageStore;
  cannedReplies: CannedReplyStore;
  /** The supply areas (knowledge/areas.yaml). */
  areas: Areas;
  /** An outage was recorded or changed: run the outage pass soon. */
  onOutageChange?: () => void;
  /** The abuse limits' counters. */
  limits: LimitStore;
  /** Where the platform finds a request's client address; unset, the socket's peer (Node, no proxy). */
  clientAddress?: ClientAddressOf;
  /** New conversations, handoffs and cases a chat may create per minute. */
  chatLimits?: ChatLimits;
  /** Staff login attempts per client address per minute. */
  loginLimitPerMinute?: number;
  /** Set the Secure flag on the session cookie (behind HTTPS). */
  secureCookies?: boolean;
  clock: () => Date;
  newId?: () => string;
  formLimitPerMinute?: number;
  /** The deadline scanner's rule, for the console's amber. */
  isDueSoon: DueSoonRule;
  /** A message was queued for a chat platform (staff reply, follow-up): send it soon. */
  onOutbound?: () => void;
  /** The chat platforms' webhooks (Telegram's, where updates arrive by webhook). */
  webhooks?: ChannelWebhook[];
  /** The console's static files as text (a Workers bundle); unset, read from disk (Node). */
  consoleAssets?: ConsoleAssets;
  /** The knowledge base's versions, draft and review queue. */
  kb: KbStore;
  /** The local facts the answers' {{placeholders}} name. */
  facts: LocalFacts;
  /** The shipped concepts: those of a version stored without any (before migration 0015). */
  concepts: ConceptList;
  /** A version was published or rolled back: build it and swap it in (resolves when done). */
  onKnowledgePublished: () => Promise<unknown>;
  preview: KbPreview;
  /**
   * The published knowledge version in use, asked on every use (agents' suggestions): a publish or
   * rollback swaps it.
   */
  currentKnowledge: () => Promise<{ number: number; knowledge: Knowledge }>;
}

/** The HTTP app, assembled in one place: every resource is a sub-router mounted here. */
export function createApp(deps: AppDeps) {
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const assertChannelAllowed = createChannelGuard(deps.apiServiceToken);
  const app = new Hono();
  const loginThrottle = createLoginThrottle({
    limits: deps.limits,
    clock: deps.clock,
    logger: deps.logger,
    perAddressPerMinute: deps.loginLimitPerMinute ?? 30,
  });
  app.use(requestLogger(deps.logger));
  app.use(clientAddress(deps.clientAddress ?? nodeClientAddress([])));
  // One body limit for every route, webhooks included: a declared length over it is refused before
  // anything is read, a body without one is read no further than the limit.
  app.use(
    bodyLimit({
      maxSize: BODY_LIMIT_BYTES,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', 'the request body is larger than 64 KiB');
      },
    }),
  );
  // The API's answers carry customers' and staff's data: no cache may keep them.
  app.use('/v1/*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });
  app.route('/healthz', healthRoutes(deps));
  for (const hook of deps.webhooks ?? []) app.on(hook.method, hook.path, webhookEntry(hook), hook.handler);
  app.route('/v1/messages', messagesRoutes({ ...deps, assertChannelAllowed }));
  app.route('/v1/outbox', outboxRoutes({ ...deps, assertChannelAllowed }));
  app.route('/v1', standardsRoutes(deps));
  app.route(
    '/v1/staff/session',
    staffSessionRoutes({ ...deps, secureCookies: deps.secureCookies ?? false, loginThrottle }),
  );
  app.route('/v1/staff/users', staffUserRoutes(deps));
  app.route('/v1/staff/password', staffPasswordRoutes({ ...deps, loginThrottle }));
  app.route('/v1', handoffRoutes(deps));
  app.route('/v1', liveRoutes(deps));
  app.route('/v1/tickets', ticketRoutes({ ...deps, newId }));
  app.route('/v1/stats', statsRoutes({ ...deps, newId }));
  app.route('/v1/outages', outageRoutes({ ...deps, newId }));
  app.route('/v1/canned-replies', cannedReplyRoutes({ ...deps, newId }));
  app.route('/v1/kb', kbRoutes({ ...deps, onPublished: deps.onKnowledgePublished }));
  app.route(
    '/console',
    consoleRoutes({
      ...deps,
      kb: kbConsoleSource(deps.kb, deps.concepts),
      currentKnowledge: async () => (await deps.currentKnowledge()).knowledge,
    }),
  );
  app.notFound((c) => c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404));
  app.onError(createErrorHandler(deps.logger));
  return app;
}

export type App = ReturnType<typeof createApp>;

/** The largest request body any route reads. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Before a platform's webhook handler: its proof (401 without it), then its JSON body read the
 * way every route reads one (400 when it is not a JSON object), so the handler never meets a
 * forged call or an unreadable body.
 */
function webhookEntry(hook: ChannelWebhook): MiddlewareHandler {
  return async function checkWebhook(c, next) {
    if (hook.authorize && !hook.authorize(c.req.raw))
      throw new ApiError(401, 'unauthorized', 'the platform secret is missing or wrong');
    if (hook.body === 'json') await readJsonObject(c.req);
    await next();
  };
}
