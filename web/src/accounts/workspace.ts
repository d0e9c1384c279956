import type { Schemas } from '../api/client';

export type Workspace = Schemas['WorkspaceView'];

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
