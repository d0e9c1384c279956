import { digestSections, typeWord } from './inbox';

describe('the inbox in words', () => {
  it('names each type, and any new one plainly', () => {
    expect(typeWord('reminder.due')).toBe('Reminder');
    expect(typeWord('claim.overdue')).toBe('Overdue');
    expect(typeWord('mention')).toBe('Mention');
    expect(typeWord('something.new')).toBe('Notification');
  });

  it("lists a digest's claims by section, leaving out empty sections and what is not a claim", () => {
    const data = {
      date: '2026-12-04',
      overdue: [{ id: 'c1', text: 'Kenya will be reimbursed', status: 'monitoring' }],
      dueToday: [],
      followUps: [{ id: 'c2', text: 'A new resolution', status: 'monitoring', followUpAt: '2026-12-06T09:00:00Z' }, { text: 'no id' }, null],
      toReview: 'not a list',
    };
    expect(digestSections(data)).toEqual([
      { title: 'Overdue', claims: [data.overdue[0]] },
      { title: 'Follow-ups this week', claims: [data.followUps[0]] },
    ]);
    expect(digestSections(undefined)).toEqual([]);
  });
});
