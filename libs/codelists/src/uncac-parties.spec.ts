import { codelists, eligibilityOf, LANGUAGE_CODES, mayRequest, UNCAC_PARTIES_STATUS, type UncacParticipant } from '@ta/codelists';

const participants = codelists.list('uncac-parties');
const entry = (code: string) => codelists.get('uncac-parties', code);
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

describe('uncac-parties', () => {
  it('lists the States the Convention is open to, and the European Union as an organisation', () => {
    const states = participants.filter((p) => p.kind === 'state');
    expect(states).toHaveLength(193 + 4); // Member States, Holy See, State of Palestine, Cook Islands, Niue
    for (const state of states) expect(codelists.has('countries', state.code)).toBe(true);
    expect(entry('EU')).toMatchObject({ kind: 'regional-economic-integration-organisation', status: 'party', party: { action: 'approval' } });
    expect(codelists.has('countries', 'EU')).toBe(false);
    for (const code of ['AQ', 'BV', 'HK', 'PR', 'TW']) expect(entry(code)).toBeUndefined();
  });

  it('gives every State party or signatory its name in the six UN languages', () => {
    for (const p of participants.filter((p) => p.kind === 'state' && p.status !== 'non-party')) {
      const names = codelists.get('countries', p.code)!.name;
      for (const language of LANGUAGE_CODES) expect(names[language]?.trim()).toBeTruthy();
    }
  });

  it('says it is incomplete, what is missing, and cites a source for every entry', () => {
    expect(UNCAC_PARTIES_STATUS.complete).toBe(false);
    expect(UNCAC_PARTIES_STATUS.asOf).toMatch(isoDate);
    expect(UNCAC_PARTIES_STATUS.reported).toEqual({ by: 'untc', parties: 190, signatories: 140 });
    expect(UNCAC_PARTIES_STATUS.missing).toMatch(/unverified/);
    for (const p of participants) {
      expect(p.evidence.length).toBeGreaterThan(0);
      for (const key of p.evidence) expect(UNCAC_PARTIES_STATUS.sources[key]).toBeDefined();
      if (p.status === 'unverified') expect(p.party).toBeUndefined();
    }
    const parties = participants.filter((p) => p.status === 'party');
    expect(parties.length).toBeLessThanOrEqual(UNCAC_PARTIES_STATUS.reported.parties);
    // Signature closed on 9 December 2005 (art. 67(1)): every signature is among the reported signatories.
    expect(participants.filter((p) => p.signature).length).toBeLessThanOrEqual(UNCAC_PARTIES_STATUS.reported.signatories);
  });

  it('rests every known status on a source that gives it, and says what a source left out', () => {
    const cited = new Set(participants.flatMap((p) => p.evidence));
    for (const key of Object.keys(UNCAC_PARTIES_STATUS.sources)) expect(cited.has(key)).toBe(true);
    for (const p of participants.filter((p) => p.status !== 'unverified')) {
      // `un-protocol` says only to whom the Convention is open, not where a State stands.
      expect(p.evidence.filter((key) => key !== 'un-protocol').length).toBeGreaterThan(0);
      if (p.status === 'party' && (!p.party || p.party.date === null || p.party.action === null)) expect(p.note?.trim()).toBeTruthy();
      if (p.status !== 'party') expect(p.party).toBeUndefined();
    }
  });

  it('keeps the UNTC rows as read: dates, and how each became party', () => {
    expect(entry('AF')).toMatchObject({ status: 'party', signature: '2004-02-20', party: { action: 'ratification', date: '2008-08-25' } });
    expect(entry('BS')).toMatchObject({ status: 'party', party: { action: 'accession', date: '2008-01-10' } });
    expect(entry('BS')?.signature).toBeUndefined();
    expect(entry('BB')).toMatchObject({ signature: '2003-12-10', party: { action: 'ratification', date: '2023-10-10' } });
    expect(entry('AD')?.status).toBe('non-party');
    for (const p of participants) {
      if (p.signature) expect(p.signature).toMatch(isoDate);
      if (p.party?.date) expect(p.party.date).toMatch(isoDate);
      // The Convention was opened for signature on 9 December 2003.
      if (p.signature) expect(p.signature >= '2003-12-09').toBe(true);
      if (p.signature && p.party?.date) expect(p.party.date >= p.signature).toBe(true);
      if (p.party?.date) expect(p.party.date >= '2003-12-09' && p.party.date <= UNCAC_PARTIES_STATUS.asOf).toBe(true);
      if (p.signature) expect(p.signature <= '2005-12-09').toBe(true);
    }
  });

  it('keeps the rows of the Netherlands treaty records as read, for States beyond the UNTC rows read', () => {
    expect(entry('CN')).toMatchObject({ status: 'party', signature: '2003-12-10', party: { action: null, date: '2006-01-13' } });
    expect(entry('CG')).toMatchObject({ status: 'party', party: { action: 'accession', date: '2006-07-13' } });
    expect(entry('CG')?.signature).toBeUndefined();
    // Listed as a party (entry into force only): no instrument date is made up.
    expect(entry('CA')).toMatchObject({ status: 'party', signature: '2004-05-21' });
    expect(entry('CA')?.party).toBeUndefined();
    expect(entry('KH')?.party).toBeUndefined();
    // Where a secondary source disagrees with the UNTC, the UNTC value is kept and the disagreement noted.
    expect(entry('BT')).toMatchObject({ party: { action: 'accession', date: '2023-09-27' } });
    expect(entry('BT')?.note).toMatch(/Verdragenbank/);
  });

  describe('who may request', () => {
    const state = (status: UncacParticipant['status']): UncacParticipant => ({ code: 'ZZ', name: { en: 'Z' }, kind: 'state', status, evidence: ['untc'] });

    it('lets parties, signatories and (provisionally) States of unknown status request', () => {
      expect(eligibilityOf(state('party'))).toEqual({ may: true, status: 'party' });
      expect(eligibilityOf(state('signatory'))).toEqual({ may: true, status: 'signatory' });
      expect(eligibilityOf(state('unverified'))).toEqual({ may: true, status: 'unverified' });
    });

    it('does not let a non-party, an organisation or a code outside the list request', () => {
      expect(eligibilityOf(state('non-party'))).toEqual({ may: false, reason: 'non-party' });
      expect(eligibilityOf({ ...state('party'), kind: 'regional-economic-integration-organisation' })).toEqual({ may: false, reason: 'organisation' });
      expect(eligibilityOf(undefined)).toEqual({ may: false, reason: 'not-a-state' });
    });

    it('answers for codes', () => {
      expect(['KE', 'UG', 'AF', 'CN', 'CA', 'ZW'].map(mayRequest)).toEqual([true, true, true, true, true, true]);
      expect(['AQ', 'BV', 'AD', 'EU', 'XX', 5, null].map(mayRequest)).toEqual([false, false, false, false, false, false, false]);
    });
  });
});
