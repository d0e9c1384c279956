import { zoneOptions } from './time-zones';

describe('time zone options', () => {
  it('keeps a zone this browser does not list', () => {
    expect(zoneOptions('Mars/Olympus_Mons')[0]).toEqual({ value: 'Mars/Olympus_Mons', label: 'Mars/Olympus Mons' });
    expect(zoneOptions(null).map((o) => o.value)).toContain('Africa/Nairobi');
  });
});
