// Maintenance in the console: schedule, edit and cancel windows; recurring windows (weekly or monthly in a named
// zone), which the tick expands into occurrences (db/schedule-store.ts). Times are entered in a chosen zone and
// shown in the page's zone with UTC beside them.
import type { Hono } from 'hono';
import { expandRecurrence, instantToLocal, localToInstant, ruleOf, WEEKDAYS } from '../core/recurrence.js';
import { InvalidChangeError, NotFoundError } from '../db/admin-errors.js';
import { listComponentChoices } from '../db/console-queries.js';
import { getMaintenance, listMaintenances } from '../db/incident-queries.js';
import { createMaintenance, deleteMaintenance, editMaintenance } from '../db/maintenance-store.js';
import { cancelSchedule, createSchedule, listSchedules, type ScheduleRow } from '../db/schedule-store.js';
import { CreateMaintenance, EditMaintenance } from '../http/admin/schemas.js';
import { CreateSchedule } from '../http/admin/schedule-schemas.js';
import { idParam } from '../http/admin/validate.js';
import { field, fields, parseForm, readForm, type Form } from './forms.js';
import type { ConsoleDeps } from './index.js';
import { ActionButton, ConsoleLayout, Csrf } from './layout.js';
import { Badge, Scroll, When } from './parts.js';
import { page, seeOther } from './render.js';
import type { Session } from './session.js';

type Choice = { id: string; name: string };
const DAY_NAMES: Record<string, string> = { MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday' };

/** A local datetime field read in the form's zone, as an ISO instant for the API schema ('' stays invalid there). */
function instantField(f: Form, name: string, zone: string): string {
  const at = localToInstant(field(f, name), zone);
  return at ? at.toISOString() : field(f, name);
}

function ComponentBoxes(props: { choices: readonly Choice[]; selected?: readonly string[]; prefix: string }) {
  return (
    <fieldset>
      <legend>Components under maintenance</legend>
      {props.choices.map((c) => (
        <p class="row">
          <input type="checkbox" id={`${props.prefix}-${c.id}`} name="componentIds" value={c.id} checked={props.selected?.includes(c.id)} />
          <label for={`${props.prefix}-${c.id}`}>{c.name}</label>
        </p>
      ))}
    </fieldset>
  );
}

function WindowForm(props: { session: Session; choices: readonly Choice[]; tz: string; action: string; submit: string; values?: { title: string; body: string; from: string; until: string; componentIds: string[] } }) {
  const v = props.values;
  return (
    <form method="post" action={props.action} class="stack">
      <Csrf session={props.session} />
      <label for="mw-title">Title</label>
      <input id="mw-title" name="title" required maxlength={200} value={v?.title} />
      <label for="mw-body">Description (public)</label>
      <textarea id="mw-body" name="body" rows={3}>{v?.body ?? ''}</textarea>
      <label for="mw-zone">Time zone of the times below</label>
      <input id="mw-zone" name="timeZone" value={props.tz} required />
      <label for="mw-from">Starts</label>
      <input id="mw-from" name="scheduledFor" type="datetime-local" required value={v?.from} />
      <label for="mw-until">Ends</label>
      <input id="mw-until" name="scheduledUntil" type="datetime-local" required value={v?.until} />
      <ComponentBoxes choices={props.choices} selected={v?.componentIds} prefix="mw" />
      <button type="submit">{props.submit}</button>
    </form>
  );
}

function RecurringForm(props: { session: Session; choices: readonly Choice[]; tz: string; today: string }) {
  return (
    <form method="post" action="/admin/maintenance/schedules" class="stack">
      <Csrf session={props.session} />
      <label for="rs-title">Title</label>
      <input id="rs-title" name="title" required maxlength={200} />
      <label for="rs-body">Description (public)</label>
      <textarea id="rs-body" name="body" rows={2} />
      <label for="rs-freq">Repeats</label>
      <select id="rs-freq" name="freq"><option value="weekly">weekly</option><option value="monthly">monthly</option></select>
      <label for="rs-interval">Every how many weeks or months</label>
      <input id="rs-interval" name="interval" type="number" min={1} max={12} value="1" required />
      <fieldset>
        <legend>Weekly: on</legend>
        {WEEKDAYS.map((d) => <span class="pick"><input type="checkbox" id={`rs-day-${d}`} name="weekdays" value={d} /><label for={`rs-day-${d}`}>{DAY_NAMES[d]}</label></span>)}
      </fieldset>
      <fieldset>
        <legend>Monthly: on</legend>
        <label for="rs-monthday">Day of the month (1–31; a month without it is skipped)</label>
        <input id="rs-monthday" name="monthDay" type="number" min={1} max={31} />
        <label for="rs-nth">or the</label>
        <select id="rs-nth" name="nth"><option value="">—</option><option value="1">first</option><option value="2">second</option><option value="3">third</option><option value="4">fourth</option><option value="-1">last</option></select>
        <label for="rs-nthday">weekday</label>
        <select id="rs-nthday" name="nthWeekday"><option value="">—</option>{WEEKDAYS.map((d) => <option value={d}>{DAY_NAMES[d]}</option>)}</select>
      </fieldset>
      <label for="rs-zone">Time zone</label>
      <input id="rs-zone" name="timeZone" value={props.tz} required />
      <label for="rs-start">First day</label>
      <input id="rs-start" name="startsOn" type="date" value={props.today} required />
      <label for="rs-time">Local start time</label>
      <input id="rs-time" name="localTime" type="time" value="02:00" required />
      <label for="rs-duration">Duration (minutes)</label>
      <input id="rs-duration" name="durationMinutes" type="number" min={1} max={10080} value="60" required />
      <ComponentBoxes choices={props.choices} prefix="rs" />
      <button type="submit">Create recurring window</button>
    </form>
  );
}

function Schedules(props: { session: Session; schedules: readonly ScheduleRow[]; now: Date; tz: string }) {
  if (!props.schedules.length) return <p>No recurring windows.</p>;
  return (
    <ul class="list">
      {props.schedules.map((s) => {
        const next = s.cancelledAt ? [] : expandRecurrence(s, props.now, new Date(props.now.getTime() + 120 * 86400_000)).slice(0, 4);
        return (
          <li class="schedule" data-schedule={s.id}>
            <strong>{s.title}</strong> — <code>{s.rule}</code> at {s.localTime} {s.timeZone} for {s.durationMinutes} min{s.cancelledAt && <> · <Badge value="cancelled" /></>}
            {next.length > 0 && <ul>{next.map((o) => <li>next: <When at={o.start} tz={props.tz} /></li>)}</ul>}
            {!s.cancelledAt && props.session.principal.scope !== 'read' && <ActionButton session={props.session} action={`/admin/maintenance/schedules/${encodeURIComponent(s.id)}/cancel`} label="Cancel series" danger />}
          </li>
        );
      })}
    </ul>
  );
}

export function registerMaintenancePages(app: Hono, deps: ConsoleDeps): void {
  const tz = deps.page.timeZone;

  app.get('/maintenance', async (c) => {
    const now = deps.clock();
    const [windows, schedules, choices] = await Promise.all([listMaintenances(deps.sql(), now, { limit: 200 }), listSchedules(deps.sql()), listComponentChoices(deps.sql())]);
    const session = c.var.session;
    const writer = session.principal.scope !== 'read';
    return page(c, (
      <ConsoleLayout title="Maintenance" session={session} current="/admin/maintenance">
        <h1>Maintenance</h1>
        <section aria-labelledby="h-windows">
          <h2 id="h-windows">Windows</h2>
          {windows.length === 0 ? <p>No maintenance windows.</p> : (
            <Scroll label="Maintenance windows">
              <table>
                <thead><tr><th scope="col">Title</th><th scope="col">Status</th><th scope="col">Starts</th><th scope="col">Ends</th></tr></thead>
                <tbody>
                  {[...windows].sort((a, b) => a.scheduledFor.getTime() - b.scheduledFor.getTime()).map((m) => (
                    <tr class="window">
                      <th scope="row"><a href={`/admin/maintenance/${encodeURIComponent(m.id)}`}>{m.title}</a></th>
                      <td><Badge value={m.status} /></td>
                      <td><When at={m.scheduledFor} tz={tz} /></td>
                      <td><When at={m.scheduledUntil} tz={tz} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
          )}
        </section>
        <section aria-labelledby="h-recurring">
          <h2 id="h-recurring">Recurring windows</h2>
          <Schedules session={session} schedules={schedules} now={now} tz={tz} />
        </section>
        {writer && (
          <section aria-labelledby="h-schedule">
            <h2 id="h-schedule">Schedule a window</h2>
            <WindowForm session={session} choices={choices} tz={tz} action="/admin/maintenance" submit="Schedule" />
          </section>
        )}
        {writer && (
          <section aria-labelledby="h-new-recurring">
            <h2 id="h-new-recurring">New recurring window</h2>
            <RecurringForm session={session} choices={choices} tz={tz} today={instantToLocal(now, tz).slice(0, 10)} />
          </section>
        )}
      </ConsoleLayout>
    ));
  });

  app.post('/maintenance', async (c) => {
    const f = await readForm(c);
    const zone = field(f, 'timeZone');
    const body = parseForm(CreateMaintenance, {
      title: field(f, 'title'), body: field(f, 'body'), scheduledFor: instantField(f, 'scheduledFor', zone), scheduledUntil: instantField(f, 'scheduledUntil', zone), componentIds: fields(f, 'componentIds'),
    });
    const id = deps.newId('mnt');
    await createMaintenance(deps.sql(), id, body, deps.clock());
    deps.onChange?.();
    return seeOther(c, '/admin/maintenance');
  });

  app.post('/maintenance/schedules', async (c) => {
    const f = await readForm(c);
    const freq = field(f, 'freq') === 'monthly' ? 'monthly' : 'weekly';
    const weekdays = fields(f, 'weekdays');
    if (freq === 'weekly' && weekdays.length === 0) throw new InvalidChangeError([{ field: 'weekdays', message: 'pick at least one day for a weekly window' }]);
    if (freq === 'monthly' && !field(f, 'monthDay') && !(field(f, 'nth') && field(f, 'nthWeekday'))) {
      throw new InvalidChangeError([{ field: 'monthDay', message: 'give a day of the month, or the nth weekday, for a monthly window' }]);
    }
    const rule = ruleOf({ freq, interval: Number(field(f, 'interval')) || 1, weekdays: weekdays.filter((d) => (WEEKDAYS as readonly string[]).includes(d)), monthDay: Number(field(f, 'monthDay')) || undefined, nth: Number(field(f, 'nth')) || undefined, nthWeekday: field(f, 'nthWeekday') || undefined });
    const body = parseForm(CreateSchedule, {
      title: field(f, 'title'), body: field(f, 'body'), componentIds: fields(f, 'componentIds'), rule, timeZone: field(f, 'timeZone'), startsOn: field(f, 'startsOn'),
      localTime: field(f, 'localTime'), durationMinutes: Number(field(f, 'durationMinutes')),
    });
    await createSchedule(deps.sql(), deps.newId('mns'), body, deps.clock());
    deps.onChange?.();
    return seeOther(c, '/admin/maintenance');
  });

  app.post('/maintenance/schedules/:id/cancel', async (c) => {
    await cancelSchedule(deps.sql(), idParam(c, 'id'), deps.clock());
    deps.onChange?.();
    return seeOther(c, '/admin/maintenance');
  });

  app.get('/maintenance/:id', async (c) => {
    const id = idParam(c, 'id');
    const [m, choices] = await Promise.all([getMaintenance(deps.sql(), id, deps.clock()), listComponentChoices(deps.sql())]);
    if (!m) throw new NotFoundError('maintenance', id);
    const session = c.var.session;
    return page(c, (
      <ConsoleLayout title={m.title} session={session} current="/admin/maintenance">
        <p><a href="/admin/maintenance">All maintenance</a></p>
        <h1>{m.title}</h1>
        <p><Badge value={m.status} /> <When at={m.scheduledFor} tz={tz} /> – <When at={m.scheduledUntil} tz={tz} /></p>
        {session.principal.scope !== 'read' && (
          <>
            <h2>Edit</h2>
            <WindowForm session={session} choices={choices} tz={tz} action={`/admin/maintenance/${encodeURIComponent(id)}/edit`} submit="Save"
              values={{ title: m.title, body: m.body, from: instantToLocal(m.scheduledFor, tz), until: instantToLocal(m.scheduledUntil, tz), componentIds: m.componentIds }} />
            <h2>Cancel</h2>
            <ActionButton session={session} action={`/admin/maintenance/${encodeURIComponent(id)}/cancel`} label="Cancel this window" danger />
          </>
        )}
      </ConsoleLayout>
    ));
  });

  app.post('/maintenance/:id/edit', async (c) => {
    const id = idParam(c, 'id');
    const f = await readForm(c);
    const zone = field(f, 'timeZone');
    const body = parseForm(EditMaintenance, {
      title: field(f, 'title'), body: field(f, 'body'), scheduledFor: instantField(f, 'scheduledFor', zone), scheduledUntil: instantField(f, 'scheduledUntil', zone), componentIds: fields(f, 'componentIds'),
    });
    await editMaintenance(deps.sql(), id, body, deps.clock());
    deps.onChange?.();
    return seeOther(c, `/admin/maintenance/${encodeURIComponent(id)}`);
  });

  app.post('/maintenance/:id/cancel', async (c) => {
    await deleteMaintenance(deps.sql(), idParam(c, 'id'));
    deps.onChange?.();
    return seeOther(c, '/admin/maintenance');
  });
}
