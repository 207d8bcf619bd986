import type { z } from 'zod';
import { badRequest } from '../errors.js';

/** Turns the first zod issue into a 400 with a stable code and a sentence naming the field. */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  value: unknown,
  unknownEnumCode?: Record<string, string>,
): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'body';
  const fail = (code: string, message: string): never => {
    throw badRequest(code, message, issue?.path.length ? field : undefined);
  };
  switch (issue?.code) {
    case 'invalid_type':
      return valueAt(value, issue.path) === undefined
        ? fail('missing_field', `${field} is required`)
        : fail('invalid_field', `${field} must be a ${issue.expected}`);
    case 'too_big':
      return fail('field_too_long', `${field} must be at most ${String(issue.maximum)} characters`);
    case 'too_small':
      return fail('field_too_short', `${field} must be at least ${String(issue.minimum)} characters`);
    case 'invalid_value':
      return fail(
        unknownEnumCode?.[field] ?? 'invalid_field',
        `${field} must be one of ${issue.values.join(', ')}`,
      );
    case 'unrecognized_keys':
      return fail('unknown_field', `unknown field(s): ${issue.keys.join(', ')}`);
    default:
      return fail('invalid_field', `${field}: ${issue?.message ?? 'invalid'}`);
  }
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** True when the request says its body is JSON (`application/json`, with or without a charset). */
export function saysJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * Reads a JSON object body (of a `Request`, or of Hono's request, which keeps the parsed body for
 * handlers that read it again); anything else is a 400.
 */
export async function readJsonObject(request: {
  json(): Promise<unknown>;
}): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw badRequest('invalid_json', 'the request body must be valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('invalid_body', 'the request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}
