import { Hono } from 'hono';
import type { Store } from '../../db/store.js';
import type { Knowledge } from '../../knowledge/index.js';

export function healthRoutes({
  store,
  knowledge,
  knowledgeInUse,
}: {
  store: Store;
  knowledge: Knowledge;
  knowledgeInUse?: () => { number: number; knowledge: Knowledge } | undefined;
}) {
  return new Hono().get('/', async (c) => {
    const database = await store.ping().catch(() => false);
    // The published version this process (isolate) answers from; before one is loaded, the shipped content.
    const inUse = knowledgeInUse?.();
    return c.json(
      {
        status: database ? 'ok' : 'degraded',
        database: database ? 'ok' : 'unavailable',
        knowledgeEntries: (inUse?.knowledge ?? knowledge).base.entries.length,
        knowledgeVersion: inUse?.number ?? null,
        semanticSearch: knowledge.search.semantic,
      },
      database ? 200 : 503,
    );
  });
}
