import { timingSafeEqual } from 'node:crypto';
import { CHANNEL_TABLE, type Channel } from '../../vocabulary/channels.js';
import { ApiError } from '../errors.js';

/**
 * Who may speak for whom: a public channel (`web`) is open (its userId is the visitor's own
 * secret); private ones (`telegram`, `wechat`: vocabulary/channels.ts) are only accepted from the
 * bot adapters, which carry `Authorization: Bearer
 * <API_SERVICE_TOKEN>`. Without a configured token those channels are closed over HTTP.
 */
export function createChannelGuard(serviceToken: string | undefined) {
  if (serviceToken !== undefined && serviceToken.length < 16) {
    throw new Error('API_SERVICE_TOKEN must be at least 16 characters');
  }
  const expected = serviceToken ? Buffer.from(`Bearer ${serviceToken}`) : undefined;
  return function assertChannelAllowed(channel: Channel, authorization: string | undefined): void {
    if (!CHANNEL_TABLE[channel].private) return;
    const given = Buffer.from(authorization ?? '');
    const ok = expected !== undefined && given.length === expected.length && timingSafeEqual(given, expected);
    if (!ok) {
      throw new ApiError(401, 'unauthorized', `channel ${channel} requires the bot adapters' service token`);
    }
  };
}
