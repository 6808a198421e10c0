// Incidents in the console: create one from a template, post updates with per-component statuses, reword (automatic
// incidents too), resolve, add a postmortem, preview as the public page shows it. Writes use the admin API's
// schemas and stores (db/incident-admin-store.ts), so the console and the API obey one rule set.
import type { Hono } from 'hono';
import { incidentTemplate, type IncidentTemplate } from '../core/incident-templates.js';
import { canMoveIncident } from '../core/incident-status.js';
import { COMPONENT_STATUSES, INCIDENT_IMPACTS, INCIDENT_START_STATUSES, INCIDENT_STATUSES, type IncidentStatus } from '../core/statuses.js';
import { NotFoundError } from '../db/admin-errors.js';
import { listComponentChoices, updateAuthors } from '../db/console-queries.js';
import { addIncidentUpdate, createIncident, editIncident, editIncidentUpdate } from '../db/incident-admin-store.js';
import { getIncident, listIncidents, type IncidentRow } from '../db/incident-queries.js';
import { CreateIncident, EditIncident, EditIncidentUpdate, PostIncidentUpdate } from '../http/admin/schemas.js';
import { idParam } from '../http/admin/validate.js';
import { IncidentPage } from '../page/history-page.js';
import { Body } from '../page/parts.js';
import { SECURITY_HEADERS, HTML } from '../site/headers.js';
import { incidentData } from '../snapshot/read.js';
import { field, parseForm, readForm, type Form } from './forms.js';
import type { ConsoleDeps } from './index.js';
import { ConsoleLayout, Csrf } from './layout.js';
import { Badge, When } from './parts.js';
import { page, seeOther } from './render.js';
import type { Session } from './session.js';

type Choice = { id: string; name: string };

/** The per-component status selects: a component left at "not affected" is not named. */
function componentChanges(f: Form, choices: readonly Choice[]) {
  return choices.flatMap((c) => {
    const status = field(f, `component:${c.id}`);
    return status ? [{ id: c.id, status }] : [];
  });
}

function ComponentSelects(props: { choices: readonly Choice[]; current?: ReadonlyMap<string, string>; prefix: string }) {
  return (
    <fieldset>
      <legend>Components</legend>
      {props.choices.map((c) => (
        <p class="row">
          <label for={`${props.prefix}-${c.id}`}>{c.name}</label>
          <select id={`${props.prefix}-${c.id}`} name={`component:${c.id}`}>
            <option value="">not affected / unchanged</option>
            {COMPONENT_STATUSES.map((s) => <option value={s} selected={props.current?.get(c.id) === s}>{s.replace(/_/g, ' ')}</option>)}
          </select>
        </p>
      ))}
    </fieldset>
  );
}

function Select(props: { id: string; name: string; label: string; options: readonly string[]; value?: string }) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>{props.options.map((o) => <option value={o} selected={o === props.value}>{o}</option>)}</select>
    </>
  );
}

function NewIncidentForm(props: { session: Session; choices: readonly Choice[]; templates: readonly IncidentTemplate[]; template: string | undefined }) {
  const t = incidentTemplate(props.templates, props.template);
  return (
    <section aria-labelledby="h-new">
      <h2 id="h-new">New incident</h2>
      <p>Start from a template: {props.templates.map((x, i) => <>{i > 0 && ' · '}<a href={`/admin/incidents?template=${x.id}#h-new`} aria-current={x.id === t.id ? 'true' : undefined}>{x.label}</a></>)}</p>
      <form method="post" action="/admin/incidents" class="stack">
        <Csrf session={props.session} />
        <label for="new-title">Title</label>
        <input id="new-title" name="title" value={t.title} required maxlength={200} />
        <Select id="new-status" name="status" label="Status" options={INCIDENT_START_STATUSES} value={t.status} />
        <Select id="new-impact" name="impact" label="Impact" options={INCIDENT_IMPACTS} value={t.impact} />
        <label for="new-body">Message (public)</label>
        <textarea id="new-body" name="body" rows={4} required>{t.body}</textarea>
        <ComponentSelects choices={props.choices} prefix="new" />
        <p class="row"><input type="checkbox" id="new-notify" name="notify" checked /><label for="new-notify">Notify alert endpoints</label></p>
        <button type="submit">Create incident</button>
      </form>
    </section>
  );
}

function UpdateForm(props: { session: Session; incident: IncidentRow; choices: readonly Choice[] }) {
  const i = props.incident;
  const next = INCIDENT_STATUSES.filter((s) => canMoveIncident(i.status, s) && s !== 'resolved' && s !== 'postmortem');
  const current = new Map(i.components.map((c) => [c.id, c.status]));
  const action = `/admin/incidents/${encodeURIComponent(i.id)}/updates`;
  return (
    <>
      {next.length > 0 && (
        <section aria-labelledby="h-update">
          <h2 id="h-update">Post an update</h2>
          <form method="post" action={action} class="stack">
            <Csrf session={props.session} />
            <Select id="upd-status" name="status" label="Status" options={next} value={i.status} />
            <label for="upd-body">Message (public)</label>
            <textarea id="upd-body" name="body" rows={4} required />
            <ComponentSelects choices={props.choices} current={current} prefix="upd" />
            <p class="row"><input type="checkbox" id="upd-notify" name="notify" checked /><label for="upd-notify">Notify alert endpoints</label></p>
            <button type="submit">Post update</button>
          </form>
        </section>
      )}
      {canMoveIncident(i.status, 'resolved') && (
        <section aria-labelledby="h-resolve">
          <h2 id="h-resolve">Resolve</h2>
          <form method="post" action={action} class="stack">
            <Csrf session={props.session} />
            <input type="hidden" name="status" value="resolved" />
            <input type="hidden" name="notify" value="on" />
            <label for="res-body">Closing message (public)</label>
            <textarea id="res-body" name="body" rows={3} required>This incident has been resolved.</textarea>
            {props.choices.filter((c) => current.has(c.id)).map((c) => <input type="hidden" name={`component:${c.id}`} value="operational" />)}
            <button type="submit">Resolve incident</button>
          </form>
        </section>
      )}
      {canMoveIncident(i.status, 'postmortem') && (
        <section aria-labelledby="h-pm">
          <h2 id="h-pm">Postmortem</h2>
          <form method="post" action={action} class="stack">
            <Csrf session={props.session} />
            <input type="hidden" name="status" value="postmortem" />
            <label for="pm-body">What happened, why, and what changes (public)</label>
            <textarea id="pm-body" name="body" rows={8} required />
            <p class="row"><input type="checkbox" id="pm-notify" name="notify" /><label for="pm-notify">Notify alert endpoints</label></p>
            <button type="submit">Publish postmortem</button>
          </form>
        </section>
      )}
    </>
  );
}

function RewordForm(props: { session: Session; incident: IncidentRow }) {
  const i = props.incident;
  return (
    <section aria-labelledby="h-reword">
      <h2 id="h-reword">Reword</h2>
      {i.origin === 'auto' && <p>This incident was opened automatically; reword its public text here (no notification is sent).</p>}
      <form method="post" action={`/admin/incidents/${encodeURIComponent(i.id)}/edit`} class="stack">
        <Csrf session={props.session} />
        <label for="ed-title">Title</label>
        <input id="ed-title" name="title" value={i.title} required maxlength={200} />
        <Select id="ed-impact" name="impact" label="Impact" options={INCIDENT_IMPACTS} value={i.impact} />
        <label for="ed-summary">Summary (public, optional)</label>
        <textarea id="ed-summary" name="summary" rows={3}>{i.summary ?? ''}</textarea>
        <button type="submit">Save wording</button>
      </form>
    </section>
  );
}

function Timeline(props: { session: Session; incident: IncidentRow; authors: ReadonlyMap<string, string>; tz: string }) {
  const i = props.incident;
  return (
    <section aria-labelledby="h-timeline">
      <h2 id="h-timeline">Timeline</h2>
      <ol class="timeline">
        {i.updates.map((u) => (
          <li>
            <p><Badge value={u.status} /> <When at={u.displayAt} tz={props.tz} /> · by <strong>{props.authors.get(u.id) ?? (i.origin === 'auto' ? 'Lookout (automatic)' : 'unknown')}</strong></p>
            <div class="body"><Body text={u.body} /></div>
            <details>
              <summary>Reword this update</summary>
              <form method="post" action={`/admin/incidents/${encodeURIComponent(i.id)}/updates/${encodeURIComponent(u.id)}/edit`} class="stack">
                <Csrf session={props.session} />
                <label for={`ub-${u.id}`}>Message (public)</label>
                <textarea id={`ub-${u.id}`} name="body" rows={3} required>{u.body}</textarea>
                <button type="submit">Save</button>
              </form>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function registerIncidentPages(app: Hono, deps: ConsoleDeps): void {
  const found = async (id: string) => {
    const incident = await getIncident(deps.sql(), id);
    if (!incident) throw new NotFoundError('incident', id);
    return incident;
  };

  app.get('/incidents', async (c) => {
    const [incidents, choices] = await Promise.all([listIncidents(deps.sql(), { limit: 100 }), listComponentChoices(deps.sql())]);
    const tz = deps.page.timeZone;
    return page(c, (
      <ConsoleLayout title="Incidents" session={c.var.session} current="/admin/incidents">
        <h1>Incidents</h1>
        <section aria-labelledby="h-list">
          <h2 id="h-list">Recent incidents</h2>
          {incidents.length === 0 ? <p>No incidents yet.</p> : (
            <ul class="list">
              {incidents.map((i) => <li><a href={`/admin/incidents/${encodeURIComponent(i.id)}`}>{i.title}</a> <Badge value={i.status} /> <Badge value={i.impact} /> <When at={i.startedAt} tz={tz} /></li>)}
            </ul>
          )}
        </section>
        {c.var.session.principal.scope !== 'read' && <NewIncidentForm session={c.var.session} choices={choices} templates={deps.incidentTemplates} template={c.req.query('template')} />}
      </ConsoleLayout>
    ));
  });

  app.post('/incidents', async (c) => {
    const f = await readForm(c);
    const choices = await listComponentChoices(deps.sql());
    const body = parseForm(CreateIncident, {
      title: field(f, 'title'), status: field(f, 'status'), impact: field(f, 'impact'), body: field(f, 'body'), components: componentChanges(f, choices), notify: field(f, 'notify') === 'on',
    });
    const id = await createIncident(deps.sql(), { ...body, author: c.var.principal.name }, deps.clock(), deps.newId);
    deps.onChange?.();
    return seeOther(c, `/admin/incidents/${encodeURIComponent(id)}`);
  });

  app.get('/incidents/:id', async (c) => {
    const id = idParam(c, 'id');
    const [incident, authors, choices] = await Promise.all([found(id), updateAuthors(deps.sql(), id), listComponentChoices(deps.sql())]);
    const tz = deps.page.timeZone;
    const session = c.var.session;
    return page(c, (
      <ConsoleLayout title={incident.title} session={session} current="/admin/incidents">
        <p><a href="/admin/incidents">All incidents</a></p>
        <h1>{incident.title}</h1>
        <p><Badge value={incident.status} /> <Badge value={incident.impact} /> · {incident.origin} · started <When at={incident.startedAt} tz={tz} />{incident.resolvedAt && <>, resolved <When at={incident.resolvedAt} tz={tz} /></>}</p>
        {incident.components.length > 0 && <p>Components: {incident.components.map((x) => `${x.name} (${x.status.replace(/_/g, ' ')})`).join(', ')}</p>}
        {incident.summary && <div class="body"><Body text={incident.summary} /></div>}
        <p><a href={`/admin/incidents/${encodeURIComponent(id)}/preview`}>Preview on the public page</a></p>
        <Timeline session={session} incident={incident} authors={authors} tz={tz} />
        {session.principal.scope !== 'read' && <UpdateForm session={session} incident={incident} choices={choices} />}
        {session.principal.scope !== 'read' && <RewordForm session={session} incident={incident} />}
      </ConsoleLayout>
    ));
  });

  // The public incident page, rendered from this incident as the next snapshot will show it (never the author).
  app.get('/incidents/:id/preview', async (c) => {
    const incident = await found(idParam(c, 'id'));
    const { whole: _whole, ...shown } = incidentData(incident);
    const frame = { page: deps.page, now: deps.clock().getTime(), staleSince: null };
    return c.body(`<!doctype html>${String(<IncidentPage incident={shown} frame={frame} />)}`, 200, { ...SECURITY_HEADERS, 'content-type': HTML, 'cache-control': 'no-store' });
  });

  app.post('/incidents/:id/updates', async (c) => {
    const id = idParam(c, 'id');
    const f = await readForm(c);
    const choices = await listComponentChoices(deps.sql());
    const changes = componentChanges(f, choices);
    const body = parseForm(PostIncidentUpdate, { status: field(f, 'status') as IncidentStatus, body: field(f, 'body'), components: changes, notify: field(f, 'notify') === 'on' });
    await addIncidentUpdate(deps.sql(), id, { ...body, author: c.var.principal.name }, deps.clock(), deps.newId);
    deps.onChange?.();
    return seeOther(c, `/admin/incidents/${encodeURIComponent(id)}`);
  });

  app.post('/incidents/:id/edit', async (c) => {
    const id = idParam(c, 'id');
    const f = await readForm(c);
    const summary = field(f, 'summary').trim();
    await editIncident(deps.sql(), id, parseForm(EditIncident, { title: field(f, 'title'), impact: field(f, 'impact'), summary: summary || null }), deps.clock());
    deps.onChange?.();
    return seeOther(c, `/admin/incidents/${encodeURIComponent(id)}`);
  });

  app.post('/incidents/:id/updates/:updateId/edit', async (c) => {
    const id = idParam(c, 'id');
    const f = await readForm(c);
    await editIncidentUpdate(deps.sql(), id, idParam(c, 'updateId'), parseForm(EditIncidentUpdate, { body: field(f, 'body') }).body, deps.clock());
    deps.onChange?.();
    return seeOther(c, `/admin/incidents/${encodeURIComponent(id)}`);
  });
}
