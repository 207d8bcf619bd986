import { serve } from '@hono/node-server';
import { parseConfig } from '../api/config.js';
import { createServices } from '../api/services.js';

/** `npm start`: the HTTP API on its settings (chat channels join here as their issues land). */
const started = performance.now();
const services = await createServices(parseConfig(process.env));
const { config, logger, knowledge } = services;

const server = serve({ fetch: services.app.fetch, port: config.PORT }, (info) => {
  logger.info(
    {
      port: info.port,
      database: config.DATABASE_PATH,
      knowledgeEntries: knowledge.base.entries.length,
      semanticSearch: knowledge.search.semantic,
      readyMs: Math.round(performance.now() - started),
    },
    'service ready',
  );
});

function shutdown(signal: string) {
  logger.info({ signal }, 'shutting down');
  server.close(() => {
    services.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
