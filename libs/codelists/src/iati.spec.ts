import { codelists } from './codelists';
import { iatiOrganisationIdentifierProblem, registrationAgencyOf } from './iati';

describe('IATI organisation identifiers', () => {
  it('takes the registration agency prefixes from the IATI codelist, with its source', () => {
    expect(codelists.has('iati-organisation-registration-agency', 'XM-DAC')).toBe(true);
    expect(codelists.has('iati-organisation-registration-agency', 'GB-COH')).toBe(true);
    expect(codelists.get('iati-organisation-registration-agency', 'GB-COH')?.country).toBe('GB');
    expect(codelists.source('iati-organisation-registration-agency')).toMatch(/OrganisationRegistrationAgency/);
  });

  it.each(['XM-DAC-41301', 'GB-COH-03877777', 'XI-IATI-EBRD', 'XM-DAC-5-7'])('accepts %s', (id) => {
    expect(iatiOrganisationIdentifierProblem(id)).toBeNull();
  });

  it.each([
    ['giz', /registration agency prefix/],
    ['ZZ-NOPE-1', /registration agency prefix/],
    ['XM-DAC-', /number after "XM-DAC-"/],
    ['XM-DAC-41 301', /white space/],
    ['XM-DAC-41/301', /\/ & \| or \?/],
  ])('refuses %s', (id, problem) => {
    expect(iatiOrganisationIdentifierProblem(id)).toMatch(problem);
  });

  it('matches the longest prefix', () => {
    expect(registrationAgencyOf('XM-DAC-41301')).toBe('XM-DAC');
  });
});
