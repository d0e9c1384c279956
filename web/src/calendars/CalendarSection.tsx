import { useState } from 'react';
import { api, expectOk, unwrap } from '../api/client';
import { problemInWords } from '../api/problems';
import { Button, ErrorNote } from '../ui/controls';
import { SecretField } from '../ui/CopyButton';
import { useFormAction } from '../ui/forms';

/**
 * Calendar (docs/desk.md, "Screens"): a secret address a calendar application subscribes to, with the reminders
 * that would reach the person. The API never shows an address again, so one is shown only as
 * it is made; making one replaces the one before.
 */
export function CalendarSection() {
  const [url, setUrl] = useState('');
  const action = useFormAction();
  const getLink = () =>
    action.run(async () => {
      setUrl(unwrap(await api.POST('/v1/me/calendar')).url);
    });
  const turnOff = () =>
    action.run(async () => {
      expectOk(await api.DELETE('/v1/me/calendar'));
      setUrl('');
      return 'The calendar link is off: calendars subscribed to it get nothing more.';
    });

  return (
    <section id="calendar" aria-labelledby="calendar-heading" className="section-block">
      <h2 id="calendar-heading">Calendar</h2>
      <p className="muted">
        Your reminders in your calendar application: subscribe to a secret link (an .ics address). Keep it private; anyone with it sees your reminders.
      </p>
      {url ? (
        <div className="stack">
          <SecretField label="Calendar link" value={url} copyLabel="Copy calendar link" />
          <div className="form-actions">
            <Button onPress={() => void getLink()} isDisabled={action.busy}>
              Replace link
            </Button>
            <Button variant="danger" onPress={() => void turnOff()} isDisabled={action.busy}>
              Turn off the link
            </Button>
          </div>
          <p className="field-description">Replace link makes a new address; the one above stops working at once.</p>
        </div>
      ) : (
        <div className="stack">
          <div className="form-actions">
            <Button variant="primary" onPress={() => void getLink()} isDisabled={action.busy}>
              Get calendar link
            </Button>
          </div>
          <p className="field-description">A link is shown once. If you made one before, a new one replaces it and the old address stops working.</p>
        </div>
      )}
      {action.done && (
        <p className="notice" role="status">
          {action.done}
        </p>
      )}
      <ErrorNote>{action.error ? problemInWords(action.error) : ''}</ErrorNote>
    </section>
  );
}
