import { ForbiddenError } from '@ta/core';
import type { OrganisationIdentity } from '@ta/directory';
import type { RegisterOffer } from '../domain';
import { actorFromDirectory, offerFromDirectory, type ProviderDirectory } from './provider-identity';

const entries: Record<string, OrganisationIdentity> = {
  'donor-giz': { organisationId: 'donor-giz', kind: 'donor_agency', status: 'verified', country: 'DE', providerIds: ['giz'] },
  giz: { organisationId: 'donor-giz', kind: 'donor_agency', status: 'verified', country: 'DE', providerIds: ['giz'] },
  'ke-eacc': { organisationId: 'ke-eacc', kind: 'national_authority', status: 'verified', country: 'KE', providerIds: [] },
  unodc: { organisationId: 'unodc', kind: 'intergovernmental', status: 'verified', country: null, providerIds: [] },
  'donor-new': { organisationId: 'donor-new', kind: 'donor_agency', status: 'proposed', country: 'NO', providerIds: [] },
};
/** The directory as the port sees it (the real one, DirectoryIdentities, is exercised end to end in test/e2e/directory.e2e-spec.ts). */
const directory: ProviderDirectory = { identityOf: async (id) => entries[id] ?? null };

const code = async (p: Promise<unknown>) => p.then(() => 'allowed', (e: ForbiddenError) => e.code);

describe('identity from the directory', () => {
  it('lets a verified organisation act in the role that fits its kind, as the directory names it', async () => {
    expect(await actorFromDirectory({ id: 'u', role: 'donor', organisation: 'giz' }, directory)).toMatchObject({ actor: { organisation: 'donor-giz', providerIds: ['giz'] } });
    expect(await actorFromDirectory({ id: 'u', role: 'authority', organisation: 'ke-eacc' }, directory)).toMatchObject({ actor: { organisation: 'ke-eacc' } });
    expect(await actorFromDirectory({ id: 'u', role: 'secretariat' }, directory)).toBeNull();
  });

  it.each([
    [{ id: 'u', role: 'donor', organisation: 'nobody' }, 'access.organisation_unknown'],
    [{ id: 'u', role: 'donor' }, 'access.organisation_unknown'],
    [{ id: 'u', role: 'donor', organisation: 'donor-new' }, 'access.organisation_not_verified'],
    [{ id: 'u', role: 'donor', organisation: 'ke-eacc' }, 'access.role_kind_mismatch'],
    [{ id: 'u', role: 'authority', organisation: 'unodc' }, 'access.role_kind_mismatch'],
  ] as const)('refuses %j: %s', async (actor, expected) => {
    expect(await code(actorFromDirectory(actor, directory))).toBe(expected);
  });

  const offer = { type: 'RegisterOffer', offerId: 'o', at: '2026-01-01T00:00:00Z', providerId: 'donor-giz' } as unknown as RegisterOffer;

  it("takes the offer's provider, kind and State from the directory", () => {
    expect(offerFromDirectory({ ...offer, providerKind: undefined } as unknown as RegisterOffer, entries['ke-eacc']!, undefined)).toMatchObject({
      providerId: 'ke-eacc',
      providerKind: 'state_authority',
      providerCountry: 'KE',
    });
    expect(offerFromDirectory({ ...offer, providerKind: undefined } as unknown as RegisterOffer, entries.unodc!, undefined)).toMatchObject({ providerId: 'unodc', providerKind: 'multilateral' });
    expect(offerFromDirectory({ ...offer, providerKind: 'bilateral' }, entries.giz!, 'giz')).toMatchObject({ providerId: 'donor-giz', providerKind: 'bilateral' });
    expect(offerFromDirectory({ ...offer, providerKind: 'bilateral' }, entries.giz!, 'giz')).not.toHaveProperty('providerCountry');
  });

  it('refuses another provider id or another kind than the directory says', () => {
    expect(() => offerFromDirectory({ ...offer, providerKind: 'bilateral' }, entries['donor-giz']!, 'donor-sida')).toThrow(expect.objectContaining({ code: 'access.not_own_offer' }));
    expect(() => offerFromDirectory({ ...offer, providerKind: 'state_authority' }, entries['donor-giz']!, 'donor-giz')).toThrow(expect.objectContaining({ code: 'access.provider_kind_mismatch' }));
  });
});
