import { Hono } from 'hono';
import type { Store } from '../../db/store.js';
import type { Knowledge } from '../../knowledge/index.js';

export function healthRoutes({ store, knowledge }: { store: Store; knowledge: Knowledge }) {
  return new Hono().get('/', async (c) => {
    const database = await store.ping().catch(() => false);
    return c.json(
      {
        status: database ? 'ok' : 'degraded',
        database: database ? 'ok' : 'unavailable',
        knowledgeEntries: knowledge.base.entries.length,
        semanticSearch: knowledge.search.semantic,
      },
      database ? 200 : 503,
    );
  });
}
