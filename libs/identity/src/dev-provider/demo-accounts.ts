/**
 * The development provider's demo accounts, one per role, naming the organisations of the
 * development directory seed (libs/directory/seed/development.json): Kenya's focal point (Kenya
 * is a State party to UNCAC, ratified 9 December 2003: UN Treaty Collection, chapter XVIII, 14),
 * an officer of GIZ, an officer of the Secretariat (UNODC), and an officer of the Kenyan
 * development example authority. Passwords are for development only and shown on the sign-in page.
 */
export interface DemoAccount {
  readonly login: string;
  readonly password: string;
  readonly name: string;
  readonly role: 'state' | 'donor' | 'secretariat' | 'authority';
  readonly country?: string;
  readonly organisation?: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { login: 'focal-point-ke', password: 'demo-state', name: 'Focal point Kenya (demo)', role: 'state', country: 'KE' },
  { login: 'donor-giz', password: 'demo-donor', name: 'GIZ officer (demo)', role: 'donor', organisation: 'donor-giz' },
  { login: 'unodc-officer', password: 'demo-secretariat', name: 'UNODC officer (demo)', role: 'secretariat' },
  { login: 'authority-ke', password: 'demo-authority', name: 'EACC officer (demo)', role: 'authority', organisation: 'authority-ke-eacc' },
];

/** The claims the development provider releases for the `ta` scope, and the mapping the platform reads them with. */
export const DEMO_CLAIMS = { role: 'ta_role', organisation: 'ta_organisation', country: 'ta_country', name: 'name' } as const;
