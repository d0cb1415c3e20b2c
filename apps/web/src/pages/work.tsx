import { EngagementsTable } from '../components/engagement-tables';
import { RequestsTable } from '../components/request-tables';
import { byText, DataTable, type Column } from '../components/data-table';
import { Loading, ProblemNote, Section, useQuery } from '../components/ui';
import { session } from '../lib/auth';
import { fmt, language, t } from '../lib/i18n';
import { countryLabel, textOf } from '../lib/labels';
import { useProviderNames } from '../lib/providers';
import { Link } from '../lib/router';
import { useStore } from '../lib/store';
import { myWork } from '../lib/work-load';
import { ageInDays, countsOf, DEADLINE_KINDS, tasksFor, type Task, type WorkRole } from '../lib/work-queue';

/** "3 days ago" / "yesterday" / "today" in the reader's language. */
function ago(days: number): string {
  return new Intl.RelativeTimeFormat(language.get(), { numeric: 'auto' }).format(-days, 'day');
}

/** The steps awaiting the actor: what to do, on which case, with whom, since when. */
function TasksTable({ tasks, now }: { tasks: readonly Task[]; now: Date }) {
  const providerName = useProviderNames();
  const partyName = (x: Task) => (x.party ? (x.party.kind === 'country' ? countryLabel(x.party.id) : providerName(x.party.id)) : '');
  const columns: Column<Task>[] = [
    {
      key: 'step',
      header: t('col.step'),
      rowHeader: true,
      sort: byText((x) => t(`task.${x.kind}`)),
      cell: (x) => t(`task.${x.kind}`),
    },
    {
      key: 'case',
      header: t('col.case'),
      sort: byText((x) => textOf(x.title).text),
      cell: (x) => {
        const title = textOf(x.title);
        const milestone = x.milestone && textOf(x.milestone);
        return (
          <>
            <Link href={x.href}>
              <bdi lang={title.lang} dir="auto">
                {title.text || t('work.untitled')}
              </bdi>
            </Link>
            {milestone && (
              <span class="task-milestone">
                {' · '}
                <bdi lang={milestone.lang} dir="auto">
                  {milestone.text}
                </bdi>
              </span>
            )}
          </>
        );
      },
    },
    { key: 'party', header: t('col.otherParty'), sort: byText(partyName), cell: (x) => <bdi>{partyName(x)}</bdi> },
    {
      key: 'since',
      header: t('col.waiting'),
      sort: byText((x) => x.since),
      cell: (x) =>
        x.kind === 'offerExpiring' ? (
          t('work.endsOn', { date: fmt.date(x.since) })
        ) : DEADLINE_KINDS.includes(x.kind) ? (
          t('history.due', { date: fmt.date(x.since) })
        ) : (
          <time dateTime={x.since}>{ago(ageInDays(x.since, now))}</time>
        ),
      cellProps: (x) => (DEADLINE_KINDS.includes(x.kind) ? { 'data-deadline': x.since.slice(0, 10) } : { 'data-age': ageInDays(x.since, now) }),
    },
  ];
  return (
    <DataTable
      caption={t('work.awaiting')}
      columns={columns}
      rows={tasks}
      rowKey={(x) => x.key}
      rowProps={(x) => ({ 'data-task': x.kind, 'data-key': x.key })}
      empty={t('work.nothingAwaits')}
      testId="tasks-table"
    />
  );
}

/** What the signed-in actor has to act on: what awaits it first, with counters; the rest below. */
export function WorkPage() {
  const s = useStore(session)!;
  useStore(language);
  const { role, country, organisation } = s.claims;
  const q = useQuery(() => myWork(role as WorkRole, country, organisation ?? s.claims.sub), [role, country, organisation]);
  const now = new Date();
  const tasks = q.data ? tasksFor(role as WorkRole, q.data.input, now) : [];
  return (
    <div data-ready={q.data ? 'true' : 'false'}>
      <h1>{t('work.title')}</h1>
      {role === 'state' && (
        <p>
          <Link class="btn btn-primary" href="/requests/new">
            {t('nav.newRequest')}
          </Link>
        </p>
      )}
      {(role === 'donor' || role === 'authority') && (
        <p>
          <Link class="btn btn-primary" href="/offers/new">
            {t('nav.newOffer')}
          </Link>
        </p>
      )}
      {q.error && <ProblemNote problem={q.error} />}
      {!q.data && !q.error && <Loading />}
      {q.data && (
        <Section id="work-awaiting" title={t('work.awaiting')}>
          {tasks.length > 0 && (
            <ul class="work-counters" aria-label={t('work.counters')}>
              {countsOf(tasks).map((c) => (
                <li key={c.kind} data-counter={c.kind} data-count={c.count}>
                  <span class="kpi-value">{fmt.number(c.count)}</span> {t(`task.${c.kind}`)}
                </li>
              ))}
            </ul>
          )}
          <TasksTable tasks={tasks} now={now} />
        </Section>
      )}
      {q.data?.requestsA && (
        <Section id="work-a" title={role === 'secretariat' ? t('work.toTriage') : t('work.myRequests')}>
          <RequestsTable items={q.data.requestsA} caption={role === 'secretariat' ? t('work.toTriage') : t('work.myRequests')} />
        </Section>
      )}
      {q.data?.requestsB && (
        <Section id="work-b" title={t('work.toMatch')}>
          <RequestsTable items={q.data.requestsB} caption={t('work.toMatch')} />
        </Section>
      )}
      {q.data && (
        <Section id="work-engagements" title={t('work.engagements')}>
          <EngagementsTable items={q.data.engagements} caption={t('work.engagements')} />
        </Section>
      )}
    </div>
  );
}
