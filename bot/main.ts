import { serve } from '@hono/node-server';
import { scanDeadlines } from '../api/cases/scanner.js';
import { parseConfig } from '../api/config.js';
import { createServices } from '../api/services.js';

/** `npm start`: the HTTP API and the deadline scanner on their settings (chat channels join here as their issues land). */
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

// The deadline scanner: every SCAN_INTERVAL_SECONDS, open cases near or past a deadline are
// escalated once each (recorded on the case; staff notification channels join with the console).
const scanner = setInterval(() => {
  scanDeadlines(services.tickets, new Date(), { dueSoonMs: config.DUE_SOON_HOURS * 3600_000 })
    .then((escalations) => {
      for (const e of escalations) {
        logger.warn(
          { case: e.ticket.number, kind: e.ticket.kind, escalation: e.type, deadline: e.deadline },
          'case deadline',
        );
      }
    })
    .catch((error: unknown) => logger.error({ err: error }, 'deadline scan failed'));
}, config.SCAN_INTERVAL_SECONDS * 1000);
scanner.unref();

function shutdown(signal: string) {
  clearInterval(scanner);
  logger.info({ signal }, 'shutting down');
  server.close(() => {
    services.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
