import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { CommandButton, refresh, TextCommand } from '../components/actions';
import { CaseText, numbered, translatable, TranslateForm } from '../components/case-texts';
import { reasonText } from '../components/match-reasons';
import { Badge, Button, ErrorSummary, Field, Loading, ProblemNote, RadioGroup, requireFilled, Section, useCommandForm, useQuery } from '../components/ui';
import { get, post } from '../lib/api';
import type { EngagementDetail, EngagementMilestone, OfferDetail, RequestDetail, TextView } from '../lib/api-types';
import { session } from '../lib/auth';
import { fmt, language, quantity, t, tMaybe, useLanguage } from '../lib/i18n';
import { countryLabel, textOf } from '../lib/labels';
import { readRecordedReason } from '../lib/match';
import { useProviderNames } from '../lib/providers';
import { Link } from '../lib/router';
import { useStore } from '../lib/store';

/** An offer's availability window, `YYYY-MM-DD` both ends. */
type OfferWindow = { from: string; to: string };

/**
 * What a due date deserves a word about, beside its field (`role="status"`): a date in the past
 * (the milestone is overdue at once) or outside the offer's window. Warned, not refused: the
 * API accepts both.
 */
function DueDateWarnings({ dueDate, window, testId }: { dueDate: string; window: OfferWindow | null; testId: string }) {
  const past = dueDate !== '' && dueDate < today();
  const outside = dueDate !== '' && window !== null && (dueDate < window.from || dueDate > window.to);
  if (!past && !outside) return null;
  return (
    <div class="warning" role="status">
      {past && <p data-testid={`${testId}-past`}>{t('warning.dueInPast')}</p>}
      {outside && window && <p data-testid={`${testId}-outside`}>{t('warning.outsideOfferWindow', { from: fmt.date(window.from), to: fmt.date(window.to) })}</p>}
    </div>
  );
}

function PlanMilestone({ id, window }: { id: string; window: OfferWindow | null }) {
  const form = useCommandForm();
  const [title, setTitle] = useState('');
  const [dueDate, setDueDate] = useState('');
  return (
    <form
      class="action"
      noValidate
      aria-labelledby="plan-h"
      onSubmit={form.submit(async () => {
        requireFilled({ '/title': title, '/dueDate': dueDate });
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
      <DueDateWarnings dueDate={dueDate} window={window} testId="plan" />
      <Button busy={form.busy}>{t('plan.submit')}</Button>
    </form>
  );
}

/** Today as `YYYY-MM-DD` (UTC, as the API dates milestones). */
const today = () => new Date().toISOString().slice(0, 10);

/** Move a milestone's due date, with a reason (the provider, or the Secretariat settling a dispute); a date in the past is warned about, not refused. */
function RescheduleMilestone({ base, id, current, window }: { base: string; id: string; current: string; window: OfferWindow | null }) {
  const form = useCommandForm();
  const [dueDate, setDueDate] = useState('');
  const [reason, setReason] = useState('');
  const fields = { '/dueDate': `resched-due-${id}`, '/reason': `resched-reason-${id}` };
  return (
    <details class="reschedule" data-testid={`reschedule-${id}`}>
      <summary id={`resched-h-${id}`}>{t('reschedule.title')}</summary>
      <form
        class="action"
        noValidate
        aria-labelledby={`resched-h-${id}`}
        onSubmit={form.submit(async () => {
          requireFilled({ '/dueDate': dueDate, '/reason': reason });
          await post(`${base}/reschedule`, { dueDate, reason });
          setDueDate('');
          setReason('');
          refresh();
        })}
      >
        <ErrorSummary form={form} fieldIds={fields} />
        <Field form={form} id={fields['/dueDate']} path="/dueDate" label={t('reschedule.newDate', { date: fmt.date(current) })}>
          {(a) => <input {...a} type="date" value={dueDate} onInput={(e) => setDueDate((e.currentTarget as HTMLInputElement).value)} />}
        </Field>
        <DueDateWarnings dueDate={dueDate} window={window} testId={`resched-${id}`} />
        <Field form={form} id={fields['/reason']} path="/reason" label={t('field.reason')}>
          {(a) => <textarea {...a} rows={2} lang={language.get()} value={reason} onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)} />}
        </Field>
        <Button busy={form.busy} variant="secondary">
          {t('reschedule.submit')}
        </Button>
      </form>
    </details>
  );
}

/**
 * The Secretariat's resolution of a disputed milestone, with a reason: upheld (the milestone is
 * due again on a new date, required then) or dismissed (it is confirmed). Blank fields are
 * reported at once beside them; the API checks them again.
 */
function ResolveDispute({ base, id }: { base: string; id: string }) {
  const form = useCommandForm();
  const [outcome, setOutcome] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [reason, setReason] = useState('');
  const fields = { '/outcome': `resolve-outcome-${id}`, '/dueDate': `resolve-due-${id}`, '/reason': `resolve-reason-${id}` };
  return (
    <details class="reschedule" data-testid={`resolve-${id}`}>
      <summary id={`resolve-h-${id}`}>{t('resolve.title')}</summary>
      <form
        class="action"
        noValidate
        aria-labelledby={`resolve-h-${id}`}
        onSubmit={form.submit(async () => {
          requireFilled({ '/outcome': outcome, ...(outcome === 'upheld' ? { '/dueDate': dueDate } : {}), '/reason': reason });
          await post(`${base}/dispute/resolve`, { outcome, reason, ...(outcome === 'upheld' ? { dueDate } : {}) });
          setOutcome('');
          setDueDate('');
          setReason('');
          refresh();
        })}
      >
        <ErrorSummary form={form} fieldIds={fields} />
        <RadioGroup
          form={form}
          id={fields['/outcome']}
          path="/outcome"
          legend={t('resolve.outcome')}
          options={[
            ['upheld', t('resolve.upheld')],
            ['dismissed', t('resolve.dismissed')],
          ]}
          value={outcome}
          onChange={setOutcome}
        />
        {outcome === 'upheld' && (
          <Field form={form} id={fields['/dueDate']} path="/dueDate" label={t('resolve.newDate')}>
            {(a) => <input {...a} type="date" value={dueDate} onInput={(e) => setDueDate((e.currentTarget as HTMLInputElement).value)} />}
          </Field>
        )}
        <Field form={form} id={fields['/reason']} path="/reason" label={t('field.reason')}>
          {(a) => <textarea {...a} rows={2} lang={language.get()} value={reason} onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)} />}
        </Field>
        <Button busy={form.busy}>{t('resolve.submit')}</Button>
      </form>
    </details>
  );
}

/** The number of the milestone's latest dispute (0: never disputed) and whether the provider answered it. */
function latestDispute(texts: Record<string, TextView>, id: string): { n: number; answered: boolean } {
  const n = Math.max(0, ...numbered(texts, `milestones/${id}/disputes/`));
  return { n, answered: n > 0 && texts[`milestones/${id}/disputes/${n}/answer`] !== undefined };
}

/** An engagement's text's name on the page: `milestones/<id>/disputes/2/reason` is "Dispute 2" of that milestone. */
function engagementTextLabel(texts: Record<string, TextView>) {
  return (path: string): string => {
    const reason = /^reasons\/(\d+)$/.exec(path);
    if (reason) return t('texts.matchReason', { n: Number(reason[1]) + 1 });
    const m = /^milestones\/([^/]+)\/(.+)$/.exec(path);
    if (m) {
      const title = texts[`milestones/${m[1]}/title`]?.text ?? m[1]!;
      const note = /^(disputes|reschedules)\/(\d+)\/reason$/.exec(m[2]!);
      const more = /^(?:disputes\/(\d+)\/(answer|resolution)|reports\/(\d+)\/notes)$/.exec(m[2]!);
      const label = note
        ? t(`texts.${note[1]}`, { n: note[2]! })
        : more?.[3]
          ? t('texts.reportNotes', { n: more[3] })
          : more
            ? t(more[2] === 'answer' ? 'texts.disputeAnswer' : 'texts.disputeResolution', { n: more[1]! })
            : t('field.milestoneTitle');
      return `${title}: ${label}`;
    }
    return tMaybe(`textPath.${path}`) ?? path;
  };
}

/**
 * A milestone's notes, to both sides: the provider's notes with each report, why it was
 * disputed (with the provider's answer and the Secretariat's resolution) or rescheduled, each time.
 */
function MilestoneNotes({ texts, id }: { texts: Record<string, TextView>; id: string }) {
  const at = (rest: string) => texts[`milestones/${id}/${rest}`];
  const notes = [
    ...numbered(texts, `milestones/${id}/reports/`).map((n) => ({ key: `reports-${n}`, label: t('texts.reportNotes', { n }), view: at(`reports/${n}/notes`), testId: `text-notes-${id}-${n}` })),
    ...numbered(texts, `milestones/${id}/disputes/`).flatMap((n) => [
      { key: `disputes-${n}`, label: t('texts.disputes', { n }), view: at(`disputes/${n}/reason`), testId: `text-disputes-${id}-${n}` },
      { key: `answer-${n}`, label: t('texts.disputeAnswer', { n }), view: at(`disputes/${n}/answer`), testId: `text-answer-${id}-${n}` },
      { key: `resolution-${n}`, label: t('texts.disputeResolution', { n }), view: at(`disputes/${n}/resolution`), testId: `text-resolution-${id}-${n}` },
    ]),
    ...numbered(texts, `milestones/${id}/reschedules/`).map((n) => ({ key: `reschedules-${n}`, label: t('texts.reschedules', { n }), view: at(`reschedules/${n}/reason`), testId: `text-reschedules-${id}-${n}` })),
  ].filter((note) => note.view !== undefined);
  if (notes.length === 0) return null;
  return (
    <ul class="milestone-notes">
      {notes.map(({ key, label, view, testId }) => (
        <li key={key}>
          {label}: <CaseText view={view} testId={testId} />
        </li>
      ))}
    </ul>
  );
}

function MilestoneItem({ e, m, role, window }: { e: EngagementDetail; m: EngagementMilestone; role: string | undefined; window: OfferWindow | null }) {
  const texts = e.texts as Record<string, TextView>;
  const base = `/engagements/${e.engagementId}/milestones/${m.milestoneId}`;
  const provider = role === 'donor' || role === 'authority';
  const active = e.status === 'active';
  const dispute = latestDispute(texts, m.milestoneId);
  return (
    <li class="milestone" data-milestone-id={m.milestoneId} data-status={m.status}>
      <h3>
        <CaseText view={texts[`milestones/${m.milestoneId}/title`]} testId={`text-milestone-${m.milestoneId}`} />
      </h3>
      <p>
        <Badge kind="milestoneStatus" code={m.status} /> {t('history.due', { date: fmt.date(m.dueDate) })}
        {m.overdue && <span class="badge badge-overdue">{t('milestones.overdueBadge')}</span>}
      </p>
      <MilestoneNotes texts={texts} id={m.milestoneId} />
      {active && m.status === 'disputed' && (provider || role === 'secretariat') && (
        <p class="hint" data-testid={`dispute-next-${m.milestoneId}`}>
          {t(provider ? 'milestone.answerDispute' : 'milestone.resolveDispute')} {t(provider ? 'milestone.answerDisputeMore' : 'milestone.resolveDisputeMore')}
        </p>
      )}
      {active && provider && m.status === 'disputed' && !dispute.answered && (
        <TextCommand id={`answer-${m.milestoneId}`} title={t('milestone.answerTitle')} label={t('field.answer')} button={t('milestone.answerSubmit')} path={`${base}/dispute/answer`} field="answer" />
      )}
      {active && role === 'secretariat' && m.status === 'disputed' && <ResolveDispute base={base} id={m.milestoneId} />}
      {active && provider && ['scheduled', 'rescheduled', 'disputed'].includes(m.status) && (
        <>
          <CommandButton id={`report-${m.milestoneId}`} label={t('milestone.report')} path={`${base}/report`} />
          <details class="reschedule" data-testid={`report-notes-${m.milestoneId}`}>
            <summary>{t('milestone.reportNotesTitle')}</summary>
            <TextCommand id={`notes-${m.milestoneId}`} title={t('milestone.reportNotesTitle')} label={t('field.notes')} button={t('milestone.reportWithNotes')} path={`${base}/report`} field="notes" localized />
          </details>
        </>
      )}
      {active && (provider || role === 'secretariat') && m.status !== 'confirmed' && <RescheduleMilestone base={base} id={m.milestoneId} current={m.dueDate} window={window} />}
      {active && role === 'state' && m.status === 'reported' && (
        <div class="pair">
          <CommandButton id={`confirm-${m.milestoneId}`} label={t('milestone.confirm')} path={`${base}/confirm`} />
          <TextCommand id={`dispute-${m.milestoneId}`} title={t('milestone.disputeTitle')} label={t('field.reason')} button={t('milestone.dispute')} path={`${base}/dispute`} field="reason" variant="danger" />
        </div>
      )}
    </li>
  );
}

/** The provider's completion and the State's answer: acknowledge (then it counts as delivered) or contest, with a reason. */
function Completion({ e, role }: { e: EngagementDetail; role: string | undefined }) {
  const awaiting = e.status === 'completed';
  const contested = e.contestedAt !== null && e.status === 'active';
  if (!awaiting && !contested && e.status !== 'acknowledged') return null;
  return (
    <Section id="completion" title={t('completion.title')}>
      {awaiting && e.completedAt && <p data-testid="completion-awaiting">{t('completion.awaiting', { date: fmt.date(e.completedAt) })}</p>}
      {e.status === 'acknowledged' && e.acknowledgedAt && <p data-testid="completion-acknowledged">{t('completion.acknowledged', { date: fmt.date(e.acknowledgedAt) })}</p>}
      {contested && e.contestedAt && (
        <p data-testid="completion-contested">
          {t('completion.contested', { date: fmt.date(e.contestedAt) })}: <q>
            <bdi dir="auto">{e.contestReason}</bdi>
          </q>
        </p>
      )}
      {awaiting && role === 'state' && (
        <div class="pair">
          <CommandButton id="acknowledge-completion" label={t('completion.acknowledge')} path={`/engagements/${e.engagementId}/acknowledge`} />
          <TextCommand id="contest-completion" title={t('completion.contestTitle')} label={t('field.reason')} button={t('completion.contest')} path={`/engagements/${e.engagementId}/contest`} field="reason" variant="danger" />
        </div>
      )}
      {(awaiting || e.status === 'acknowledged') && role !== undefined && (
        <p>
          <Link href={`/practices/new?engagement=${e.engagementId}`} class="btn btn-secondary" data-testid="record-lesson">
            {t('completion.recordLesson')}
          </Link>{' '}
          <Link href={`/practices?engagementId=${e.engagementId}`}>{t('completion.lessons')}</Link>
        </p>
      )}
      {(awaiting || e.status === 'acknowledged') && (role === 'state' || role === 'donor' || role === 'authority') && (
        // The step "record a lesson" in My work ends with a lesson or here: a party with none to record.
        <CommandButton id="dismiss-lesson" label={t('completion.noLesson')} path={`/practices/lessons/${e.engagementId}/dismiss`} variant="secondary" />
      )}
    </Section>
  );
}

export function EngagementPage({ id }: { id: string }) {
  const providerName = useProviderNames();
  const role = useStore(session)?.claims.role;
  const lang = useLanguage();
  const q = useQuery(() => get<EngagementDetail>(`/engagements/${encodeURIComponent(id)}`, { lang }), [id, lang]);
  const e = q.data;
  // The case's title, for the heading and the link back to it (the engagement carries only its id).
  const rq = useQuery(() => (e ? get<RequestDetail>(`/requests/${encodeURIComponent(e.requestId)}`, { lang }) : Promise.resolve(null)), [e?.requestId, lang]);
  // The offer's window, for the milestone forms' warnings (read by those who plan or reschedule).
  const plans = e?.status === 'active' && role !== 'state';
  const oq = useQuery(() => (e && plans ? get<OfferDetail>(`/offers/${encodeURIComponent(e.offerId)}`) : Promise.resolve(null)), [e?.offerId, plans]);
  const offerWindow = oq.data ? { from: oq.data.availableFrom, to: oq.data.availableTo } : null;
  const caseTitle = rq.data ? textOf(rq.data.title) : null;
  const texts = (e?.texts ?? {}) as Record<string, TextView>;
  const reasons = Object.keys(texts).filter((p) => /^reasons\/\d+$/.test(p)).sort((a, b) => Number(a.slice(8)) - Number(b.slice(8)));
  const party = role === 'state' ? 'state' : role === 'donor' || role === 'authority' ? 'provider' : null;
  return (
    <div data-ready={e ? 'true' : 'false'}>
      <h1>
        {t('engagement.title')}
        {caseTitle?.text && (
          <>
            {' · '}
            <bdi lang={caseTitle.lang} dir="auto" data-testid="engagement-case-title">
              {caseTitle.text}
            </bdi>
          </>
        )}
      </h1>
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
              <Link href={`/requests/${e.requestId}`}>
                {caseTitle?.text ? (
                  <bdi lang={caseTitle.lang} dir="auto">
                    {caseTitle.text}
                  </bdi>
                ) : (
                  t('engagement.requestLink')
                )}
              </Link>
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
            <dd>
              <ul class="match-reasons">
                {reasons.map((p) => {
                  // A reason the match page recorded is shown in words; any other as written.
                  const recorded = readRecordedReason(texts[p]!.text);
                  return recorded ? (
                    <li key={p} data-reason={recorded.key}>
                      {t(`criterion.${recorded.key}`)}: {reasonText(recorded)}
                    </li>
                  ) : (
                    <li key={p}>
                      <CaseText view={texts[p]} testId={`text-${p.replace('/', '-')}`} />
                    </li>
                  );
                })}
              </ul>
            </dd>
            {(['declineReason', 'cancellationReason'] as const).map(
              (p) =>
                texts[p] && (
                  <Fragment key={p}>
                    <dt>{t(`textPath.${p}`)}</dt>
                    <dd>
                      <CaseText view={texts[p]} testId={`text-${p}`} />
                    </dd>
                  </Fragment>
                ),
            )}
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
          <Completion e={e} role={role} />
          {translatable(texts, role).length > 0 && (
            <Section id="engagement-translate" title={t('texts.heading')}>
              <TranslateForm base={`/engagements/${e.engagementId}`} texts={texts} labelOf={engagementTextLabel(texts)} />
            </Section>
          )}
          <Section id="milestones" title={t('engagement.milestones')}>
            {e.milestones.length === 0 ? <p class="empty">{t('common.none')}</p> : <ul class="milestones">{e.milestones.map((m) => <MilestoneItem key={m.milestoneId} e={e} m={m} role={role} window={offerWindow} />)}</ul>}
            {e.status === 'active' && (role === 'donor' || role === 'authority') && <PlanMilestone id={e.engagementId} window={offerWindow} />}
            {e.status === 'active' && (role === 'secretariat' || party === 'provider') && e.milestones.length > 0 && e.milestones.every((m) => m.status === 'confirmed') && (
              <CommandButton id="complete-engagement" label={t('engagement.complete')} path={`/engagements/${e.engagementId}/complete`} />
            )}
          </Section>
        </>
      )}
    </div>
  );
}
