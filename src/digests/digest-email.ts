import { Eta } from 'eta';
import { dateTimeIn } from '../common/time/readable';
import type { Notice } from '../events/event-log';

/** A claim as a digest lists it (the inbox entry's `data` carries these). */
export interface DigestItem {
  id: string;
  text: string;
  status: string;
  dueAt?: string;
  followUpAt?: string;
}

export interface DigestData {
  date: string;
  overdue: DigestItem[];
  dueToday: DigestItem[];
  followUps: DigestItem[];
  toReview: DigestItem[];
}

const SECTIONS: Array<{ key: keyof Omit<DigestData, 'date'>; title: string }> = [
  { key: 'overdue', title: 'Overdue' },
  { key: 'dueToday', title: 'Due today' },
  { key: 'followUps', title: 'Follow-ups in the next 7 days' },
  { key: 'toReview', title: 'Waiting for your review' },
];

// Eta escapes every `<%= %>` in the HTML part; the plain-text part is not HTML, so nothing there
// is escaped. In plain text line breaks are the layout, so Eta trims none by itself there: a
// `-%>` drops the one after a control tag. Both are compiled once, when the module loads.
const html = new Eta({ autoEscape: true, useWith: false, varName: 'it' });
const text = new Eta({ autoEscape: false, autoTrim: false, useWith: false, varName: 'it' });

const HTML_TEMPLATE = html.compile(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title><%= it.subject %></title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.4; color: #1a1a1a; max-width: 40em">
<h1 style="font-size: 1.3em">Your claimtrack digest for <%= it.date %></h1>
<% for (const section of it.sections) { %>
<h2 style="font-size: 1.1em"><%= section.title %> (<%= section.items.length %>)</h2>
<ul>
<% for (const item of section.items) { %>
  <li><a href="<%= item.url %>"><%= item.text %></a> · <%= item.status %><% if (item.when) { %> · <%= item.when %><% } %></li>
<% } %>
</ul>
<% } %>
<p style="color: #666; font-size: 0.9em">Times are in <%= it.timeZone %>. You get this digest every day there is something to see. Turn it off in your profile.</p>
</body>
</html>
`);

const TEXT_TEMPLATE = text.compile(`Your claimtrack digest for <%= it.date %>
<% for (const section of it.sections) { -%>

<%= section.title %> (<%= section.items.length %>)
<% for (const item of section.items) { -%>
- <%= item.text %> [<%= item.status %><% if (item.when) { %>, <%= item.when %><% } %>]
  <%= item.url %>
<% } -%>
<% } -%>

Times are in <%= it.timeZone %>. You get this digest every day there is something to see. Turn it off in your profile.
`);

/** A one-line count of what a digest holds: "2 overdue, 1 due today". */
export function digestSummary(data: DigestData): string {
  const parts = [
    [data.overdue.length, 'overdue'],
    [data.dueToday.length, 'due today'],
    [data.followUps.length, data.followUps.length === 1 ? 'follow-up' : 'follow-ups'],
    [data.toReview.length, 'to review'],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${n} ${label}`)
    .join(', ');
}

/** When a listed claim is due or to be followed up, in the reader's time zone. */
function whenIn(item: DigestItem, followUp: boolean, timeZone: string): string | null {
  if (followUp && item.followUpAt) return `follow up ${dateTimeIn(new Date(item.followUpAt), timeZone)}`;
  return item.dueAt ? `due ${dateTimeIn(new Date(item.dueAt), timeZone)}` : null;
}

/**
 * The digest e-mail: a subject, a plain-text part and an HTML part, each claim linked to the
 * desk, its dates in the reader's time zone.
 */
export function digestNotice(data: DigestData, publicUrl: string, timeZone: string): Notice {
  const subject = `Your claimtrack digest for ${data.date}: ${digestSummary(data)}`;
  const view = {
    subject,
    date: data.date,
    timeZone,
    sections: SECTIONS.filter((s) => data[s.key].length > 0).map((s) => ({
      title: s.title,
      items: data[s.key].map((item) => ({
        text: item.text,
        status: item.status.replaceAll('_', ' '),
        url: `${publicUrl}/claims/${item.id}`,
        when: whenIn(item, s.key === 'followUps', timeZone),
      })),
    })),
  };
  return { title: subject, text: text.render(TEXT_TEMPLATE, view), html: html.render(HTML_TEMPLATE, view) };
}
