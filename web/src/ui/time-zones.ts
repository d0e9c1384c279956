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
