import { useSearchParams } from 'wouter';
import { Agenda } from '../../reminders/Agenda';

/** `/reminders`: the agenda of the workspace's scheduled reminders; `Mine` is kept in the address. */
export function RemindersScreen() {
  const [search, setSearch] = useSearchParams();
  const mine = search.get('mine') === '1';
  return (
    <section className="page">
      <div className="page-header">
        <h1>Reminders</h1>
      </div>
      <form className="filters" aria-label="Filter reminders" onSubmit={(event) => event.preventDefault()}>
        <div className="field field-inline">
          <input
            id="reminders-mine"
            type="checkbox"
            checked={mine}
            onChange={(event) => setSearch(new URLSearchParams(event.target.checked ? { mine: '1' } : {}), { replace: true })}
          />
          <label htmlFor="reminders-mine">Mine</label>
        </div>
      </form>
      <Agenda mine={mine} />
    </section>
  );
}
