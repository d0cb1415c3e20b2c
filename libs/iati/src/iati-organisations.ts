import { create } from 'xmlbuilder2';
import type { LocalizedText } from '@ta/codelists';

/** A directory organisation with an IATI identifier, as the `iati-organisations` file gives it. */
export interface PublishedOrganisation {
  readonly iatiIdentifier: string;
  readonly names: LocalizedText;
  /** IATI OrganisationType (`organisationTypeOf`). */
  readonly type: string;
  readonly updatedAt: string;
}

/**
 * An `iati-organisations` file (IATI 2.03): one `iati-organisation` per directory organisation
 * with an IATI identifier, its names in every language the directory has them in. Each reports
 * itself (`reporting-org` is the organisation), so its identifier is prefixed by its reporting
 * organisation's ref as the IATI rulesets require. Nothing else from the directory (no address,
 * no contact point).
 */
export function iatiOrganisationsXml(organisations: readonly PublishedOrganisation[], generatedAt: Date): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('iati-organisations', { version: '2.03', 'generated-datetime': dateTime(generatedAt.toISOString()) });
  for (const o of organisations) {
    const org = root.ele('iati-organisation', { 'last-updated-datetime': dateTime(o.updatedAt), 'xml:lang': 'en' });
    org.ele('organisation-identifier').txt(o.iatiIdentifier);
    const name = org.ele('name');
    for (const [lang, text] of Object.entries(o.names)) if (text) name.ele('narrative', lang === 'en' ? {} : { 'xml:lang': lang }).txt(text);
    const reporting = org.ele('reporting-org', { ref: o.iatiIdentifier, type: o.type });
    for (const [lang, text] of Object.entries(o.names)) if (text) reporting.ele('narrative', lang === 'en' ? {} : { 'xml:lang': lang }).txt(text);
  }
  return root.end({ prettyPrint: true });
}

function dateTime(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, 'Z');
}
