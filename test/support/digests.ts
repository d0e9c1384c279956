import type { Desk } from './app';
import type { HttpClient } from './http';

/**
 * An IANA zone (Etc/GMT±N, whole hours) in which the local hour is now `hour`, so that a
 * test can put a digest time safely in the past or the future of "now" without waiting for a
 * real morning. (Etc/GMT-3 is UTC+3: the sign is inverted, as POSIX has it.)
 */
export function zoneWhereLocalHourIs(hour: number, now = new Date()): string {
  let offset = hour - now.getUTCHours();
  if (offset < -12) offset += 24;
  if (offset > 14) offset -= 24;
  return offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

/** The workspace's digest time and zone, through the settings API. */
export async function setDigestTime(desk: Desk, digestAt: string, timezone: string): Promise<void> {
  const response = await desk.admin.patch('/v1/workspace', { digestAt, timezone });
  if (response.status !== 200) throw new Error(`workspace settings: ${response.status} ${response.text}`);
}

/** The caller's inbox entries of one type. */
export async function inboxOf(client: HttpClient, type: string): Promise<any[]> {
  const items: any[] = (await client.get('/v1/me/notifications?limit=100')).body.items;
  return items.filter((n) => n.type === type);
}
