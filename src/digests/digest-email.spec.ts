import { digestNotice, digestSummary, type DigestData } from './digest-email';

const data: DigestData = {
  date: '2026-12-03',
  overdue: [{ id: 'c1', text: 'Budget <script>alert(1)</script> & "more"', status: 'in_research', dueAt: '2026-12-01T09:00:00.000Z' }],
  dueToday: [],
  followUps: [{ id: 'c2', text: 'Kenya will be reimbursed', status: 'monitoring', followUpAt: '2026-12-07T09:00:00.000Z' }],
  toReview: [],
};

describe('the digest e-mail', () => {
  it('escapes claim text in HTML, keeps it as written in plain text, and links each claim to the desk', () => {
    const notice = digestNotice(data, 'https://desk.example.org', 'Africa/Nairobi');
    expect(notice.html).toContain('Budget &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;');
    expect(notice.html).not.toContain('<script>');
    expect(notice.html).toContain('href="https://desk.example.org/claims/c1"');
    expect(notice.text).toContain('- Budget <script>alert(1)</script> & "more" [in research, due 1 Dec 2026, 12:00]');
    expect(notice.text).toContain('- Kenya will be reimbursed [monitoring, follow up 7 Dec 2026, 12:00]');
    expect(notice.html).toContain('in research · due 1 Dec 2026, 12:00');
    expect(notice.text).toContain('Times are in Africa/Nairobi.');
    expect(notice.text).toContain('https://desk.example.org/claims/c2');
    expect(notice.text).not.toContain('Due today');
    expect(notice.title).toBe('Your claimtrack digest for 2026-12-03: 1 overdue, 1 follow-up');
    expect(digestSummary({ ...data, toReview: data.overdue })).toBe('1 overdue, 1 follow-up, 1 to review');
  });

  it('lays the plain-text part out in lines: each claim on its own, its link under it, a blank line between sections', () => {
    const two = { ...data, overdue: [...data.overdue, { id: 'c3', text: 'The ferry runs hourly', status: 'submitted' }] };
    const notice = digestNotice(two, 'https://desk.example.org', 'Africa/Nairobi');
    expect(notice.text.split('\n')).toEqual([
      'Your claimtrack digest for 2026-12-03',
      '',
      'Overdue (2)',
      '- Budget <script>alert(1)</script> & "more" [in research, due 1 Dec 2026, 12:00]',
      '  https://desk.example.org/claims/c1',
      '- The ferry runs hourly [submitted]',
      '  https://desk.example.org/claims/c3',
      '',
      'Follow-ups in the next 7 days (1)',
      '- Kenya will be reimbursed [monitoring, follow up 7 Dec 2026, 12:00]',
      '  https://desk.example.org/claims/c2',
      '',
      'Times are in Africa/Nairobi. You get this digest every day there is something to see. Turn it off in your profile.',
      '',
    ]);
  });
});
