import type { Me, Schemas } from '../api/client';

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
