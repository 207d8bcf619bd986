import type { Logger } from 'pino';

/** pino's levels, lowest first, and `silent`. */
const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity } as const;
export type LogLevel = keyof typeof LEVELS;
type Method = Exclude<LogLevel, 'silent'>;

/** An Error as pino's standard serializer writes it (`err`): type, message, stack, cause. */
function serializeError(error: Error): Record<string, unknown> {
  return {
    type: error.name,
    message: error.message,
    stack: error.stack,
    ...(error.cause instanceof Error ? { cause: serializeError(error.cause) } : {}),
  };
}

function serialize(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields))
    out[key] = value instanceof Error ? serializeError(value) : value;
  return out;
}

/**
 * The logger on Workers, where pino does not run: the part of pino's interface the service uses
 * (`info`/`warn`/`error`/`debug`/`trace`/`fatal` with an optional object first, `child`, `level`),
 * one JSON line per call on the console (Workers Logs keep it), with pino's field names (`level`
 * as a number, `time`, `msg`). It writes what the caller gives and nothing more: the service logs
 * no message texts, customer words or account data (docs/decisions.md, logging), and this adds none.
 */
export function createConsoleLogger(
  level: LogLevel = 'info',
  bindings: Record<string, unknown> = {},
): Logger {
  const threshold = LEVELS[level];
  const write = (method: Method, args: unknown[]) => {
    if (LEVELS[method] < threshold) return;
    const [first, ...rest] = args;
    let fields: Record<string, unknown> = {};
    let msg: unknown;
    if (first instanceof Error) {
      fields = { err: first };
      msg = rest[0] ?? first.message;
    } else if (first !== null && typeof first === 'object') {
      fields = first as Record<string, unknown>;
      msg = rest[0];
    } else msg = first;
    const line = JSON.stringify({
      level: LEVELS[method],
      time: Date.now(),
      ...serialize(bindings),
      ...serialize(fields),
      ...(msg === undefined ? {} : { msg: String(msg) }),
    });
    if (LEVELS[method] >= LEVELS.error) console.error(line);
    else if (LEVELS[method] >= LEVELS.warn) console.warn(line);
    else console.log(line);
  };
  const logger = {
    level,
    trace: (...args: unknown[]) => write('trace', args),
    debug: (...args: unknown[]) => write('debug', args),
    info: (...args: unknown[]) => write('info', args),
    warn: (...args: unknown[]) => write('warn', args),
    error: (...args: unknown[]) => write('error', args),
    fatal: (...args: unknown[]) => write('fatal', args),
    silent: () => undefined,
    child: (more: Record<string, unknown>) => createConsoleLogger(level, { ...bindings, ...more }),
    isLevelEnabled: (name: string) => name in LEVELS && LEVELS[name as LogLevel] >= threshold,
  };
  // The service only calls the methods above; pino's full type is what its modules are written against.
  return logger as unknown as Logger;
}
