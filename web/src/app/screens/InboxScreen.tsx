import { Inbox } from '../../notifications/Inbox';

/** `/inbox`: notifications newest first; opening one marks it read and goes to its claim; `Mark all read`. */
export function InboxScreen() {
  return (
    <section className="page">
      <div className="page-header">
        <h1>Inbox</h1>
      </div>
      <Inbox />
    </section>
  );
}
