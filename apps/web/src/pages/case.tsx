import { useState } from 'preact/hooks';
import { CommandButton, refresh, TextCommand } from '../components/actions';
import { CaseDocuments } from '../components/case-documents';
import { CaseText, ContactPerson, ContactPersonReads, numbered, TranslateForm } from '../components/case-texts';
import { EngagementsTable } from '../components/engagement-tables';
import { sourceLine } from '../components/need-sources';
import { Badge, Button, CheckboxGroup, ErrorSummary, Field, Loading, ProblemNote, requireFilled, Section, useCommandForm, useQuery } from '../components/ui';
import { get, post } from '../lib/api';
import type { HistoryEntry, RequestDetail, TextView } from '../lib/api-types';
import { session } from '../lib/auth';
import { ARTICLES, NEED_MET, PRIORITIES, TA_TYPES } from '../lib/codes';
import { fmt, language, t, tMaybe, useLanguage } from '../lib/i18n';
import { articleLabel, countryLabel, priorityLabel, taTypeLabel, textOf } from '../lib/labels';
import { Link } from '../lib/router';
import { useStore } from '../lib/store';

function TriageForm({ r }: { r: RequestDetail }) {
  const form = useCommandForm();
  const [articles, setArticles] = useState<string[]>(r.articles);
  const [taTypes, setTaTypes] = useState<string[]>(r.taTypes);
  const [priority, setPriority] = useState('medium');
  return (
    <form
      class="action"
      noValidate
      aria-labelledby="triage-h"
      onSubmit={form.submit(async () => {
        await post(`/requests/${r.requestId}/triage`, { articles, taTypes, priority });
        refresh();
      })}
    >
      <h3 id="triage-h">{t('triage.title')}</h3>
      <ErrorSummary form={form} fieldIds={{ '/articles': 'triage-articles', '/taTypes': 'triage-tatypes', '/priority': 'triage-priority' }} />
      <CheckboxGroup form={form} id="triage-articles" path="/articles" legend={t('field.articles')} options={ARTICLES} labelOf={articleLabel} value={articles} onChange={setArticles} columns />
      <CheckboxGroup form={form} id="triage-tatypes" path="/taTypes" legend={t('field.taTypes')} options={TA_TYPES} labelOf={taTypeLabel} value={taTypes} onChange={setTaTypes} columns />
      <Field form={form} id="triage-priority" path="/priority" label={t('field.priority')}>
        {(a) => (
          <select {...a} value={priority} onChange={(e) => setPriority((e.currentTarget as HTMLSelectElement).value)}>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {priorityLabel(p)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Button busy={form.busy}>{t('triage.submit')}</Button>
    </form>
  );
}

function FollowUpForm({ r }: { r: RequestDetail }) {
  const form = useCommandForm();
  const [needMet, setNeedMet] = useState('met');
  const [comment, setComment] = useState('');
  return (
    <form
      class="action"
      noValidate
      aria-labelledby="followup-h"
      onSubmit={form.submit(async () => {
        await post(`/requests/${r.requestId}/follow-up`, { needMet, comment: comment.trim() ? { [language.get()]: comment } : {} });
        refresh();
      })}
    >
      <h3 id="followup-h">{t('followUp.title')}</h3>
      <ErrorSummary form={form} fieldIds={{ '/needMet': 'followup-needmet', '/comment': 'followup-comment' }} />
      <Field form={form} id="followup-needmet" path="/needMet" label={t('followUp.needMet')}>
        {(a) => (
          <select {...a} value={needMet} onChange={(e) => setNeedMet((e.currentTarget as HTMLSelectElement).value)}>
            {NEED_MET.map((n) => (
              <option key={n} value={n}>
                {t(`needMet.${n}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field form={form} id="followup-comment" path="/comment" label={t('followUp.comment')}>
        {(a) => <textarea {...a} rows={3} value={comment} onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)} />}
      </Field>
      <Button busy={form.busy}>{t('followUp.submit')}</Button>
    </form>
  );
}

/** The label of an amendable field in the history ("changed: Title, Priority"). */
const AMENDED_FIELD_LABELS: Record<string, string> = {
  title: 'field.title',
  description: 'field.description',
  beneficiaryInstitution: 'field.institution',
  statePriority: 'field.statePriority',
  desiredWindow: 'field.desiredFrom',
  suggestedArticles: 'field.articles',
  suggestedTaTypes: 'field.taTypes',
};

/**
 * The State's amendment of its request, until it is matched: the texts (in the reader's
 * language, pre-filled with what the reader sees), the State's priority and the desired window.
 * Only what changed is sent; a required text left blank is reported at once beside it.
 */
function EditRequestForm({ r }: { r: RequestDetail }) {
  const form = useCommandForm();
  const texts = r.texts as Record<string, TextView>;
  const initial = {
    title: texts.title?.text ?? textOf(r.title).text,
    description: texts.description?.text ?? '',
    institution: texts.beneficiaryInstitution?.text ?? r.beneficiaryInstitution,
    priority: r.statePriority ?? '',
    from: r.desiredFrom ?? '',
    to: r.desiredTo ?? '',
  };
  const [v, setV] = useState(initial);
  const [unchanged, setUnchanged] = useState(false);
  const set = (change: Partial<typeof initial>) => setV({ ...v, ...change });
  const fields = { '/title': 'edit-title', '/description': 'edit-description', '/beneficiaryInstitution': 'edit-institution', '/statePriority': 'edit-priority', '/desiredWindow': 'edit-from' };
  const lang = language.get();
  return (
    <details class="reschedule" data-testid="edit-request">
      <summary id="edit-h">{t('edit.title')}</summary>
      <form
        class="action"
        noValidate
        aria-labelledby="edit-h"
        onSubmit={form.submit(async () => {
          requireFilled({ '/title': v.title, '/description': v.description, '/beneficiaryInstitution': v.institution });
          const body: Record<string, unknown> = {};
          if (v.title !== initial.title) body.title = { [lang]: v.title };
          if (v.description !== initial.description) body.description = { [lang]: v.description };
          if (v.institution !== initial.institution) body.beneficiaryInstitution = v.institution;
          if (v.priority !== initial.priority && v.priority) body.statePriority = v.priority;
          if (v.from !== initial.from || v.to !== initial.to) body.desiredWindow = v.from || v.to ? { from: v.from, to: v.to } : null;
          setUnchanged(Object.keys(body).length === 0);
          if (Object.keys(body).length === 0) return;
          await post(`/requests/${r.requestId}/amend`, body);
          refresh();
        })}
      >
        <p class="hint">{t('edit.hint')}</p>
        <ErrorSummary form={form} fieldIds={fields} />
        <Field form={form} id="edit-title" path="/title" label={t('field.title')}>
          {(a) => <input {...a} type="text" lang={lang} value={v.title} onInput={(e) => set({ title: (e.currentTarget as HTMLInputElement).value })} />}
        </Field>
        <Field form={form} id="edit-description" path="/description" label={t('field.description')}>
          {(a) => <textarea {...a} rows={4} lang={lang} value={v.description} onInput={(e) => set({ description: (e.currentTarget as HTMLTextAreaElement).value })} />}
        </Field>
        <Field form={form} id="edit-institution" path="/beneficiaryInstitution" label={t('field.institution')}>
          {(a) => <input {...a} type="text" value={v.institution} onInput={(e) => set({ institution: (e.currentTarget as HTMLInputElement).value })} />}
        </Field>
        <Field form={form} id="edit-priority" path="/statePriority" label={t('field.statePriority')}>
          {(a) => (
            <select {...a} value={v.priority} onChange={(e) => set({ priority: (e.currentTarget as HTMLSelectElement).value })}>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {priorityLabel(p)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field form={form} id="edit-from" path="/desiredWindow" label={t('field.desiredFrom')}>
          {(a) => <input {...a} type="date" value={v.from} onInput={(e) => set({ from: (e.currentTarget as HTMLInputElement).value })} />}
        </Field>
        <Field form={form} id="edit-to" path="/desiredWindow/to" label={t('field.desiredTo')}>
          {(a) => <input {...a} type="date" value={v.to} onInput={(e) => set({ to: (e.currentTarget as HTMLInputElement).value })} />}
        </Field>
        {unchanged && (
          <p role="status" class="hint" data-testid="edit-unchanged">
            {t('edit.nothing')}
          </p>
        )}
        <Button busy={form.busy}>{t('edit.submit')}</Button>
      </form>
    </details>
  );
}

function Actions({ r }: { r: RequestDetail }) {
  const role = useStore(session)?.claims.role;
  const id = r.requestId;
  const s = r.status;
  const parts = [];
  if (role === 'secretariat' && s === 'submitted') {
    parts.push(<TriageForm key="triage" r={r} />);
    parts.push(<TextCommand key="return" id="return-question" title={t('return.title')} label={t('return.question')} button={t('return.submit')} path={`/requests/${id}/return-for-clarification`} field="question" localized variant="secondary" />);
  }
  if (role === 'secretariat' && ['submitted', 'returned_for_clarification', 'open_for_offers'].includes(s)) {
    parts.push(<TextCommand key="decline" id="decline-reason" title={t('declineRequest.title')} label={t('field.reason')} button={t('declineRequest.submit')} path={`/requests/${id}/decline`} field="reason" variant="danger" />);
  }
  if (role === 'secretariat' && s === 'open_for_offers') {
    parts.push(
      <p key="match">
        <Link class="btn btn-primary" href={`/requests/${id}/match`}>
          {t('match.open')}
        </Link>
      </p>,
    );
  }
  if (role === 'secretariat' && s === 'follow_up_recorded') parts.push(<CommandButton key="close" id="close-request" label={t('close.submit')} path={`/requests/${id}/close`} />);
  if (role === 'state' && s === 'returned_for_clarification') {
    parts.push(<TextCommand key="clarify" id="clarify-answer" title={t('clarify.title')} label={t('clarify.answer')} button={t('clarify.submit')} path={`/requests/${id}/clarification`} field="answer" localized />);
  }
  if (role === 'state' && (s === 'submitted' || s === 'returned_for_clarification' || (s === 'open_for_offers' && r.liveEngagements === 0))) parts.push(<EditRequestForm key="edit" r={r} />);
  if (role === 'state' && s === 'delivered') parts.push(<FollowUpForm key="followup" r={r} />);
  if (role === 'state' && ['submitted', 'returned_for_clarification', 'open_for_offers', 'matched', 'in_delivery', 'delivered', 'follow_up_recorded'].includes(s)) {
    parts.push(
      r.restricted ? (
        <TextCommand key="open" id="open-reason" title={t('consent.open.title')} label={t('field.reason')} button={t('consent.open.submit')} path={`/requests/${id}/open`} field="reason" variant="secondary" />
      ) : (
        <TextCommand key="restrict" id="restrict-reason" title={t('consent.restrict.title')} label={t('field.reason')} button={t('consent.restrict.submit')} path={`/requests/${id}/restrict`} field="reason" variant="secondary" />
      ),
    );
  }
  if (role === 'state' && ['submitted', 'returned_for_clarification', 'open_for_offers', 'matched'].includes(s)) {
    parts.push(<TextCommand key="withdraw" id="withdraw-reason" title={t('withdraw.title')} label={t('field.reason')} button={t('withdraw.submit')} path={`/requests/${id}/withdraw`} field="reason" variant="danger" />);
  }
  if (parts.length === 0) return null;
  return (
    <Section id="actions" title={t('case.actions')}>
      {parts}
    </Section>
  );
}

function detailText(h: HistoryEntry): string | null {
  const d = h.details;
  const parts: string[] = [];
  if (Array.isArray(d.articles)) parts.push((d.articles as string[]).map(articleLabel).join(', '));
  if (Array.isArray(d.taTypes)) parts.push((d.taTypes as string[]).map(taTypeLabel).join(', '));
  if (typeof d.priority === 'string') parts.push(priorityLabel(d.priority));
  if (typeof d.providerId === 'string') parts.push(d.providerId);
  if (typeof d.score === 'number') parts.push(t('history.score', { score: fmt.number(d.score * 100) }));
  if (Array.isArray(d.reasons)) parts.push((d.reasons as string[]).join('; '));
  if (typeof d.party === 'string') parts.push(t(`party.${d.party}`));
  if (typeof d.dueDate === 'string') parts.push(t('history.due', { date: fmt.date(d.dueDate) }));
  if (typeof d.needMet === 'string') parts.push(t(`needMet.${d.needMet}`));
  if (h.type === 'RequestAmended') {
    const changed = Object.keys(d).filter((k) => k in AMENDED_FIELD_LABELS || k === 'preferredLanguages' || k === 'sources');
    parts.push(t('history.changed', { fields: changed.map((k) => tMaybe(AMENDED_FIELD_LABELS[k] ?? '') ?? k).join(', ') }));
    if (d.title && typeof d.title === 'object') parts.push(textOf(d.title as Record<string, string>).text);
  }
  if (typeof d.outcome === 'string') parts.push(t(d.outcome === 'upheld' ? 'history.upheld' : 'history.dismissed'));
  if (h.type === 'RequestAccessChanged' && typeof d.restricted === 'boolean') parts.push(t(d.restricted ? 'history.restricted' : 'history.opened'));
  if (typeof d.text === 'string' && typeof d.language === 'string') parts.push(`${d.text} → ${fmt.languageName(d.language)}`);
  for (const k of ['question', 'answer', 'comment', 'notes']) if (d[k] && typeof d[k] === 'object') parts.push(textOf(d[k] as Record<string, string>).text);
  if (typeof d.answer === 'string') parts.push(d.answer);
  return parts.length ? parts.join(' · ') : null;
}

function Timeline({ history }: { history: HistoryEntry[] }) {
  return (
    <ol class="timeline" data-testid="timeline">
      {history.map((h) => {
        const details = detailText(h);
        return (
          <li key={h.eventId} data-event={h.type}>
            <p class="tl-what">
              <strong>{tMaybe(`event.${h.type}`) ?? h.type}</strong>
            </p>
            <p class="tl-meta">
              <time dateTime={h.occurredAt}>{fmt.dateTime(h.occurredAt)}</time> · {h.actorRole === 'system' ? t('history.byPlatform') : t('history.by', { who: h.actorId, role: tMaybe(`role.${h.actorRole}`) ?? h.actorRole })}
            </p>
            {h.reason && (
              <p class="tl-why">
                {t('history.why')}: <q>
                  <bdi dir="auto">{h.reason}</bdi>
                </q>
              </p>
            )}
            {details && <p class="tl-details">{details}</p>}
          </li>
        );
      })}
    </ol>
  );
}

/** A request's text's name on the page: `clarifications/2/answer` is "Answer 2". */
function requestTextLabel(path: string): string {
  const m = /^clarifications\/(\d+)\/(question|answer)$/.exec(path);
  if (m) return t(`texts.${m[2]}`, { n: m[1]! });
  return tMaybe(`textPath.${path}`) ?? path;
}

/** What the parties wrote: description, window, clarifications, reasons, follow-up; each in the reader's language or its original. */
function CaseTexts({ r }: { r: RequestDetail }) {
  const texts = r.texts as Record<string, TextView>;
  const role = useStore(session)?.claims.role;
  const rounds = numbered(texts, 'clarifications/');
  const single = ['declineReason', 'withdrawalReason', 'followUpComment'].filter((p) => texts[p]);
  return (
    <Section id="case-texts" title={t('texts.heading')}>
      <h3>{t('field.description')}</h3>
      <CaseText view={texts['description']} block testId="text-description" />
      {(r.desiredFrom || r.desiredTo) && (
        <p data-testid="desired-window">
          {t('texts.desiredWindow')}: {fmt.date(r.desiredFrom)} – {fmt.date(r.desiredTo)}
        </p>
      )}
      {rounds.length > 0 && (
        <>
          <h3>{t('texts.clarifications')}</h3>
          <ol class="clarifications">
            {rounds.map((n) => (
              <li key={n}>
                <p>
                  <strong>{t('texts.question', { n })}</strong>: <CaseText view={texts[`clarifications/${n}/question`]} testId={`text-question-${n}`} />
                </p>
                {texts[`clarifications/${n}/answer`] && (
                  <p>
                    <strong>{t('texts.answer', { n })}</strong>: <CaseText view={texts[`clarifications/${n}/answer`]} testId={`text-answer-${n}`} />
                  </p>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      {single.map((p) => (
        <div key={p}>
          <h3>{requestTextLabel(p)}</h3>
          <CaseText view={texts[p]} block testId={`text-${p}`} />
        </div>
      ))}
      {(role === 'secretariat' || role === 'state') && <TranslateForm base={`/requests/${r.requestId}`} texts={texts} labelOf={requestTextLabel} />}
    </Section>
  );
}

export function CasePage({ id }: { id: string }) {
  const lang = useLanguage();
  const q = useQuery(() => get<RequestDetail>(`/requests/${encodeURIComponent(id)}`, { lang }), [id, lang]);
  const r = q.data;
  const texts = r?.texts as Record<string, TextView> | undefined;
  return (
    <div data-ready={r ? 'true' : 'false'}>
      {!r && <h1>{t('case.title')}</h1>}
      {q.error && <ProblemNote problem={q.error} />}
      {!r && !q.error && <Loading />}
      {r && (
        <>
          <h1>
            <CaseText view={texts?.['title']} testId="text-title" />
          </h1>
          <p class="status-line">
            <Badge kind="requestStatus" code={r.status} /> {r.restricted && <span class="badge badge-restricted">{t('request.restricted')}</span>}
          </p>
          <dl class="facts">
            <dt>{t('col.country')}</dt>
            <dd>
              <Link href={`/countries/${r.country}`}>{countryLabel(r.country)}</Link>
            </dd>
            <dt>{t('field.institution')}</dt>
            <dd>
              <CaseText view={texts?.['beneficiaryInstitution']} testId="text-beneficiaryInstitution" />
            </dd>
            <dt>{t('field.articles')}</dt>
            <dd>{r.articles.map(articleLabel).join(', ')}</dd>
            <dt>{t('field.taTypes')}</dt>
            <dd>{r.taTypes.map(taTypeLabel).join(', ')}</dd>
            {r.statePriority && (
              <>
                <dt>{t('field.statePriorityShown')}</dt>
                <dd data-fact="statePriority">{priorityLabel(r.statePriority)}</dd>
              </>
            )}
            {r.priority && (
              <>
                <dt>{t('field.triagePriority')}</dt>
                <dd data-fact="priority">{priorityLabel(r.priority)}</dd>
              </>
            )}
            <dt>{t('field.consentShown')}</dt>
            <dd data-fact="restricted">{t(r.restricted ? 'field.restricted' : 'field.consentOpen')}</dd>
            <dt>{t('field.languages')}</dt>
            <dd>{r.preferredLanguages.map(fmt.languageName).join(', ')}</dd>
            <dt>{t('col.submitted')}</dt>
            <dd>{fmt.date(r.submittedAt)}</dd>
          </dl>
          {r.sources.length > 0 && (
            <Section id="case-sources" title={t('sources.legend')}>
              <ul class="sources-list">
                {r.sources.map((source, i) => {
                  const line = sourceLine(source);
                  return (
                    <li key={i} data-kind={source.kind}>
                      <span class="source-facts">{line.facts}</span>
                      {line.text && <q class="source-need">
                          <bdi dir="auto">{line.text}</bdi>
                        </q>}
                    </li>
                  );
                })}
              </ul>
            </Section>
          )}
          <CaseTexts r={r} />
          <ContactPerson requestId={r.requestId} />
          <ContactPersonReads requestId={r.requestId} />
          <Actions r={r} />
          <Section id="case-engagements" title={t('case.engagements')}>
            <EngagementsTable items={r.engagements} caption={t('case.engagements')} />
          </Section>
          <CaseDocuments r={r} />
          <Section id="history" title={t('case.history')}>
            <Timeline history={r.history} />
          </Section>
        </>
      )}
    </div>
  );
}
