import { useState } from 'preact/hooks';
import { CommandButton, refresh, TextCommand } from '../components/actions';
import { Badge, Button, ErrorSummary, Field, Loading, ProblemNote, Section, useCommandForm, useQuery } from '../components/ui';
import { get, post } from '../lib/api';
import type { EngagementDetail, EngagementMilestone } from '../lib/api-types';
import { session } from '../lib/auth';
import { fmt, language, quantity, t } from '../lib/i18n';
import { countryLabel, textOf } from '../lib/labels';
import { useProviderNames } from '../lib/providers';
import { Link } from '../lib/router';
import { useStore } from '../lib/store';

function PlanMilestone({ id }: { id: string }) {
  const form = useCommandForm();
  const [title, setTitle] = useState('');
  const [dueDate, setDueDate] = useState('');
  return (
    <form
      class="action"
      noValidate
      aria-labelledby="plan-h"
      onSubmit={form.submit(async () => {
        await post(`/engagements/${id}/milestones`, { title: title.trim() ? { [language.get()]: title } : {}, dueDate });
        setTitle('');
        setDueDate('');
        refresh();
      })}
    >
      <h3 id="plan-h">{t('plan.title')}</h3>
      <ErrorSummary form={form} fieldIds={{ '/title': 'plan-title', '/dueDate': 'plan-due' }} />
      <Field form={form} id="plan-title" path="/title" label={t('field.milestoneTitle')}>
        {(a) => <input {...a} type="text" value={title} onInput={(e) => setTitle((e.currentTarget as HTMLInputElement).value)} />}
      </Field>
      <Field form={form} id="plan-due" path="/dueDate" label={t('field.dueDate')}>
        {(a) => <input {...a} type="date" value={dueDate} onInput={(e) => setDueDate((e.currentTarget as HTMLInputElement).value)} />}
      </Field>
      <Button busy={form.busy}>{t('plan.submit')}</Button>
    </form>
  );
}

function MilestoneItem({ e, m, role }: { e: EngagementDetail; m: EngagementMilestone; role: string | undefined }) {
  const title = textOf(m.title);
  const base = `/engagements/${e.engagementId}/milestones/${m.milestoneId}`;
  const provider = role === 'donor' || role === 'authority';
  const active = e.status === 'active';
  return (
    <li class="milestone" data-milestone-id={m.milestoneId} data-status={m.status}>
      <h3 lang={title.lang}>{title.text}</h3>
      <p>
        <Badge kind="milestoneStatus" code={m.status} /> {t('history.due', { date: fmt.date(m.dueDate) })}
        {m.overdue && <span class="badge badge-overdue">{t('milestones.overdueBadge')}</span>}
      </p>
      {m.disputeReason && m.status === 'disputed' && (
        <p>
          {t('history.why')}: <q>{m.disputeReason}</q>
        </p>
      )}
      {active && provider && ['scheduled', 'rescheduled', 'disputed'].includes(m.status) && (
        <CommandButton id={`report-${m.milestoneId}`} label={t('milestone.report')} path={`${base}/report`} />
      )}
      {active && role === 'state' && m.status === 'reported' && (
        <div class="pair">
          <CommandButton id={`confirm-${m.milestoneId}`} label={t('milestone.confirm')} path={`${base}/confirm`} />
          <TextCommand id={`dispute-${m.milestoneId}`} title={t('milestone.disputeTitle')} label={t('field.reason')} button={t('milestone.dispute')} path={`${base}/dispute`} field="reason" variant="danger" />
        </div>
      )}
    </li>
  );
}

export function EngagementPage({ id }: { id: string }) {
  const providerName = useProviderNames();
  const role = useStore(session)?.claims.role;
  const q = useQuery(() => get<EngagementDetail>(`/engagements/${encodeURIComponent(id)}`), [id]);
  const e = q.data;
  const party = role === 'state' ? 'state' : role === 'donor' || role === 'authority' ? 'provider' : null;
  return (
    <div data-ready={e ? 'true' : 'false'}>
      <h1>{t('engagement.title')}</h1>
      {q.error && <ProblemNote problem={q.error} />}
      {!e && !q.error && <Loading />}
      {e && (
        <>
          <p class="status-line">
            <Badge kind="engagementStatus" code={e.status} />
          </p>
          <dl class="facts">
            <dt>{t('col.request')}</dt>
            <dd>
              <Link href={`/requests/${e.requestId}`}>{t('engagement.requestLink')}</Link>
            </dd>
            <dt>{t('col.country')}</dt>
            <dd>{countryLabel(e.country)}</dd>
            <dt>{t('col.provider')}</dt>
            <dd>
              <Link href={`/donors/${encodeURIComponent(e.providerId)}`}>{providerName(e.providerId)}</Link>
            </dd>
            {e.implementerId && (
              <>
                <dt>{t('col.implementer')}</dt>
                <dd data-testid="implementer">
                  <Link href={`/directory/${encodeURIComponent(e.implementerId)}`}>{providerName(e.implementerId)}</Link>
                </dd>
              </>
            )}
            <dt>{t('col.amount')}</dt>
            <dd>{quantity(e.amount, e.unitKind, e.currency)}</dd>
            <dt>{t('col.score')}</dt>
            <dd>{fmt.number(e.score * 100)}</dd>
            <dt>{t('match.reasons')}</dt>
            <dd>{e.reasons.join('; ')}</dd>
            <dt>{t('engagement.acceptedBy')}</dt>
            <dd>{e.acceptedBy.length ? e.acceptedBy.map((p) => t(`party.${p}`)).join(', ') : t('common.nobody')}</dd>
          </dl>
          {e.status === 'proposed' && party && !e.acceptedBy.includes(party) && (
            <Section id="decide" title={t('engagement.decide')}>
              <CommandButton id="accept-engagement" label={t('engagement.accept')} path={`/engagements/${e.engagementId}/accept`} />
              <TextCommand id="decline-engagement" title={t('engagement.declineTitle')} label={t('field.reason')} button={t('engagement.decline')} path={`/engagements/${e.engagementId}/decline`} field="reason" variant="danger" />
            </Section>
          )}
          {role === 'secretariat' && ['proposed', 'agreed', 'active'].includes(e.status) && (
            <Section id="cancel" title={t('engagement.cancelTitle')}>
              <TextCommand id="cancel-engagement" title={t('engagement.cancelTitle')} label={t('field.reason')} button={t('engagement.cancel')} path={`/engagements/${e.engagementId}/cancel`} field="reason" variant="danger" />
            </Section>
          )}
          <Section id="milestones" title={t('engagement.milestones')}>
            {e.milestones.length === 0 ? <p class="empty">{t('common.none')}</p> : <ul class="milestones">{e.milestones.map((m) => <MilestoneItem key={m.milestoneId} e={e} m={m} role={role} />)}</ul>}
            {e.status === 'active' && (role === 'donor' || role === 'authority') && <PlanMilestone id={e.engagementId} />}
            {e.status === 'active' && role === 'secretariat' && e.milestones.length > 0 && e.milestones.every((m) => m.status === 'confirmed') && (
              <CommandButton id="complete-engagement" label={t('engagement.complete')} path={`/engagements/${e.engagementId}/complete`} />
            )}
          </Section>
        </>
      )}
    </div>
  );
}
