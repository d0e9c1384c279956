import { eventFrame, parseLastEventId, resetFrame } from './sse';

describe('SSE frames', () => {
  it('writes event, id and one data line of { type, at, claimId?, data }', () => {
    const frame = eventFrame({
      workspaceId: 'w',
      seq: 42,
      userId: null,
      type: 'claim.updated',
      at: '2026-01-02T03:04:05.000Z',
      claimId: 'c1',
      data: { text: 'line one\nline two' },
    });
    expect(frame).toBe(
      'event: claim.updated\nid: 42\ndata: {"type":"claim.updated","at":"2026-01-02T03:04:05.000Z","claimId":"c1","data":{"text":"line one\\nline two"}}\n\n',
    );
  });

  it('leaves claimId out when the event is about no claim', () => {
    const frame = eventFrame({ workspaceId: 'w', seq: 1, userId: 'u', type: 'notification.created', at: 'x', claimId: null, data: {} });
    expect(JSON.parse(frame.split('data: ')[1])).toEqual({ type: 'notification.created', at: 'x', data: {} });
  });

  it('gives a reset the present position as its id', () => {
    expect(resetFrame(7, new Date('2026-01-01T00:00:00Z'))).toBe('event: reset\nid: 7\ndata: {"type":"reset","at":"2026-01-01T00:00:00.000Z","data":{}}\n\n');
  });

  it('reads Last-Event-ID as a whole number, anything else as invalid', () => {
    expect(parseLastEventId(undefined)).toBeUndefined();
    expect(parseLastEventId('')).toBeUndefined();
    expect(parseLastEventId(' 12 ')).toBe(12);
    expect(parseLastEventId('0')).toBe(0);
    for (const bad of ['-1', '1.5', 'abc', '1e3', '9999999999999999']) expect(parseLastEventId(bad)).toBe('invalid');
  });
});
