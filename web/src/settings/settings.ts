import type { Me, Schemas } from '../api/client';

export type Workspace = Schemas['WorkspaceView'];

/** Every IANA time zone this browser knows, UTC first. */
export function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...zones.filter((zone) => zone !== 'UTC')];
}

/** The zone options of a select, with the current value kept even when this browser does not list it. */
export function zoneOptions(current: string | null): Array<{ value: string; label: string }> {
  const zones = timeZones();
  if (current && !zones.includes(current)) zones.unshift(current);
  return zones.map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }));
}

/** A session's browser in words, from its User-Agent: `Chrome on Linux`; `Unknown browser` when it says nothing useful. */
export function browserOf(userAgent: string | null): string {
  if (!userAgent) return 'Unknown browser';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : /curl\//i.test(userAgent)
            ? 'curl'
            : null;
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  if (!browser) return system ? `A browser on ${system}` : userAgent.slice(0, 60);
  return system ? `${browser} on ${system}` : browser;
}

/** How long after a missed date editors hear of it (the workspace's `escalateAfter`). */
const ESCALATIONS: ReadonlyArray<{ value: string; label: string }> = [
  { value: '', label: 'Never' },
  { value: 'PT4H', label: 'After 4 hours' },
  { value: 'PT12H', label: 'After 12 hours' },
  { value: 'P1D', label: 'After 1 day' },
  { value: 'P2D', label: 'After 2 days' },
  { value: 'P3D', label: 'After 3 days' },
  { value: 'P7D', label: 'After 1 week' },
];

/** The escalation options, with a current value set elsewhere (the API takes any ISO 8601 duration) kept as it is. */
export function escalationOptions(current: string | null): Array<{ value: string; label: string }> {
  if (!current || ESCALATIONS.some((option) => option.value === current)) return [...ESCALATIONS];
  return [...ESCALATIONS, { value: current, label: `After ${current}` }];
}

export interface WorkspaceForm {
  name: string;
  timezone: string;
  digestAt: string;
  /** '' for never. */
  escalateAfter: string;
  trackerEnabled: boolean;
  trackerTitle: string;
  trackerIntro: string;
  trackerMethodology: string;
}

export function workspaceForm(workspace: Workspace): WorkspaceForm {
  return {
    name: workspace.name,
    timezone: workspace.timezone,
    digestAt: workspace.digestAt,
    escalateAfter: workspace.escalateAfter ?? '',
    trackerEnabled: workspace.tracker.enabled,
    trackerTitle: workspace.tracker.title ?? '',
    trackerIntro: workspace.tracker.intro ?? '',
    trackerMethodology: workspace.tracker.methodology ?? '',
  };
}

/** PATCH /v1/workspace for the form: an emptied text is `null` (the API's default: the workspace's name, the default method). */
export function workspaceBody(form: WorkspaceForm): Schemas['UpdateWorkspaceDto'] {
  const orNull = (text: string) => (text.trim() ? text.trim() : null);
  return {
    name: form.name.trim(),
    timezone: form.timezone,
    digestAt: form.digestAt,
    escalateAfter: form.escalateAfter || null,
    tracker: {
      enabled: form.trackerEnabled,
      title: orNull(form.trackerTitle),
      intro: orNull(form.trackerIntro),
      methodology: orNull(form.trackerMethodology),
    },
  };
}

/** The public tracker's address: PUBLIC_URL is where the desk itself is served. */
export function trackerAddress(origin: string, slug: string): string {
  return `${origin}/t/${slug}`;
}

export interface ProfileForm {
  name: string;
  /** '' for the workspace's zone. */
  timezone: string;
  digest: boolean;
}

export function profileForm(me: Me): ProfileForm {
  return { name: me.name, timezone: me.timezone ?? '', digest: me.digest };
}

/** PATCH /v1/me for the profile form: only what changed. */
export function profileBody(form: ProfileForm, me: Me): Schemas['UpdateMeDto'] {
  const body: Schemas['UpdateMeDto'] = {};
  if (form.name.trim() !== me.name) body.name = form.name.trim();
  if ((form.timezone || null) !== me.timezone) body.timezone = form.timezone || null;
  if (form.digest !== me.digest) body.digest = form.digest;
  return body;
}
