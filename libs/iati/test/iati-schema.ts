import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';

/**
 * The official IATI 2.03 XML schemas (IATI-Schemas, branch version-2.03), kept outside the
 * repository in `../shared/data/iati-2.03` (next to the clone), or where IATI_SCHEMAS points.
 * A clone without them skips the schema tests and says why (`SCHEMAS_ABSENT`).
 */
export const SCHEMA_DIR = process.env.IATI_SCHEMAS ?? resolve(__dirname, '../../../../shared/data/iati-2.03');
export const SCHEMAS_PRESENT = existsSync(join(SCHEMA_DIR, 'iati-activities-schema.xsd'));
export const SCHEMAS_ABSENT = `the IATI 2.03 schemas are not in ${SCHEMA_DIR} (set IATI_SCHEMAS to the folder holding iati-activities-schema.xsd): schema validation skipped`;

const file = (fileName: string) => ({ fileName, contents: readFileSync(join(SCHEMA_DIR, fileName), 'utf8') });

/** The schema errors of an IATI file (xmllint's, through xmllint-wasm): [] when it validates. */
export async function schemaErrors(xml: string, kind: 'activities' | 'organisations'): Promise<string[]> {
  const result = await validateXML({
    xml: { fileName: `${kind}.xml`, contents: xml },
    schema: file(`iati-${kind}-schema.xsd`),
    preload: [file('iati-common.xsd'), file('xml.xsd')],
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
