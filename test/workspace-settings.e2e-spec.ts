import { createDesk, startApp, type Desk, type TestApp } from './support/app';
import { expectProblem } from './support/http';

describe('workspace settings', () => {
  let t: TestApp;
  let desk: Desk;
  beforeAll(async () => {
    t = await startApp();
    desk = await createDesk(t, 'Lakeside Verification Desk');
  });
  afterAll(() => t.close());

  it('answers the defaults to anyone of the workspace, with a slug made from the name', async () => {
    const response = await desk.checker.get('/v1/workspace');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: desk.workspaceId,
      name: expect.stringMatching(/^Lakeside Verification Desk /),
      slug: expect.stringMatching(/^lakeside-verification-desk-[0-9a-f]{8}$/),
      timezone: 'UTC',
      digestAt: '08:00',
      escalateAfter: 'P1D',
      tracker: { enabled: false, title: null, intro: null, methodology: null },
    });
  });

  it('lets an admin change any of them, and only what the body names', async () => {
    const slug = `lakeside-${Date.now().toString(36)}`;
    const changed = await desk.admin.patch('/v1/workspace', {
      slug,
      timezone: 'africa/NAIROBI',
      digestAt: '07:30',
      escalateAfter: 'PT12H',
      tracker: { enabled: true, title: 'Promises of Lakeside County', intro: 'What the county promised, and what came of it.' },
    });
    expect(changed.status).toBe(200);
    // Stored as the time zone database spells it, whatever the case it was sent in.
    expect(changed.body).toMatchObject({
      slug,
      timezone: 'Africa/Nairobi',
      digestAt: '07:30',
      escalateAfter: 'PT12H',
      tracker: { enabled: true, title: 'Promises of Lakeside County', intro: 'What the county promised, and what came of it.', methodology: null },
    });
    const second = await desk.admin.patch('/v1/workspace', { escalateAfter: null, tracker: { methodology: 'Promises are rated on outcomes.' } });
    expect(second.body).toMatchObject({
      slug,
      timezone: 'Africa/Nairobi',
      escalateAfter: null,
      tracker: { enabled: true, methodology: 'Promises are rated on outcomes.' },
    });
    expect((await desk.checker.get('/v1/workspace')).body).toEqual(second.body);
  });

  it('refuses bad values with 400 naming the field, and changes nothing', async () => {
    const before = (await desk.admin.get('/v1/workspace')).body;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ timezone: 'Mars/Olympus_Mons' }, 'timezone'],
      [{ timezone: 'EAT+3' }, 'timezone'],
      [{ digestAt: '24:00' }, 'digestAt'],
      [{ digestAt: '8:00' }, 'digestAt'],
      [{ escalateAfter: 'one day' }, 'escalateAfter'],
      [{ escalateAfter: 'P0D' }, 'escalateAfter'],
      [{ escalateAfter: 'P1000000Y' }, 'escalateAfter'],
      [{ escalateAfter: 'P99999999999999999999D' }, 'escalateAfter'],
      [{ escalateAfter: 'PT0.5S' }, 'escalateAfter'],
      [{ name: null }, 'name'],
      [{ slug: null }, 'slug'],
      [{ timezone: null }, 'timezone'],
      [{ digestAt: null }, 'digestAt'],
      [{ tracker: null }, 'tracker'],
      [{ tracker: { enabled: null } }, 'tracker.enabled'],
      [{ slug: 'No Spaces' }, 'slug'],
      [{ slug: 'ab' }, 'slug'],
      [{ tracker: { enabled: 'yes' } }, 'tracker.enabled'],
      [{ tracker: { colour: 'red' } }, 'tracker.colour'],
      [{ theme: 'dark' }, 'theme'],
    ];
    for (const [body, field] of cases) {
      const problem = expectProblem(await desk.admin.patch('/v1/workspace', body), 400, 'VALIDATION_FAILED');
      expect(problem.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await desk.admin.get('/v1/workspace')).body).toEqual(before);
  });

  it('keeps slugs unique on the instance (409) and leaves settings to admins (403)', async () => {
    const other = await createDesk(t, 'Other desk');
    const taken = (await desk.admin.get('/v1/workspace')).body.slug;
    expectProblem(await other.admin.patch('/v1/workspace', { slug: taken }), 409, 'CONFLICT');
    expectProblem(await desk.editor.patch('/v1/workspace', { timezone: 'UTC' }), 403, 'FORBIDDEN');
    expect((await other.admin.get('/v1/workspace')).body.slug).not.toBe(taken);
  });
});
