// Fictitious rows for the benchmark, written as the semicolon CSV a Danish
// spreadsheet exports, so the import runs the real parse → validate → insert path.
import { FIRST_NAMES, LAST_NAMES, STREETS, TOWNS, fictitiousCpr, pick } from '../../src-main/demo/demo-people';
import { CHOICES, FIELDS } from './bench-workspace';

const MIDDLE_NAMES = ['', '', '', 'Marie', 'Louise', 'Kristian', 'Bach', 'Dahl', 'Krogh', 'Vestergaard', 'Skov', 'Juul', 'Friis'];
const WORDS = ['ansøgning', 'om', 'tilskud', 'til', 'bolig', 'borgeren', 'har', 'oplyst', 'at', 'udgiften', 'vedrører', 'medicin', 'og', 'tandpleje'];

/** The CSV header row: field labels, as an administrator's spreadsheet would have them. */
export const CSV_HEADERS = FIELDS.map((f) => f.label);
/** Header → field key, as the import dialog (or the CLI's --map) would send it. */
export const CSV_MAPPING: Record<string, string> = Object.fromEntries(FIELDS.map((f) => [f.label, f.key]));

export interface GeneratedRow {
  name: string;
  cpr: string;
  cells: string[];
}

export interface RowContext {
  random: () => number;
  userIds: number[];
  groupIds: number[];
  now: number;
}

const two = (n: number) => String(n).padStart(2, '0');
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const int = (random: () => number, n: number) => Math.floor(random() * n);

/** One record with all 20 fields filled. */
export function generateRow(ctx: RowContext): GeneratedRow {
  const { random } = ctx;
  const first = pick(random, FIRST_NAMES);
  const middle = pick(random, MIDDLE_NAMES);
  const last = pick(random, LAST_NAMES);
  const name = [first, middle, last].filter(Boolean).join(' ');
  const cpr = fictitiousCpr(random);
  const town = pick(random, TOWNS);
  const words = Array.from({ length: 12 + int(random, 20) }, () => pick(random, WORDS)).join(' ');
  const byKey: Record<string, string> = {
    navn: name,
    // Half with the dash, as people type them.
    cpr: random() < 0.5 ? cpr : `${cpr.slice(0, 6)}-${cpr.slice(6)}`,
    sagsbehandler: String(pick(random, ctx.userIds)),
    team: String(pick(random, ctx.groupIds)),
    adresse: `${pick(random, STREETS)} ${1 + int(random, 120)}`,
    postnummer: town.slice(0, 4),
    by: town.slice(5),
    email: `borger${int(random, 1e6)}@borger.example`,
    telefon: `${20 + int(random, 70)} ${two(int(random, 100))} ${two(int(random, 100))} ${two(int(random, 100))}`,
    ansoegningstype: pick(random, CHOICES.ansoegningstype),
    beloeb: `${500 + int(random, 400) * 25},${two(int(random, 100))}`,
    modtaget: isoDate(ctx.now - int(random, 365) * 86_400_000),
    frist: isoDate(ctx.now + int(random, 90) * 86_400_000),
    prioritet: pick(random, CHOICES.prioritet),
    kanal: pick(random, CHOICES.kanal),
    antal_boern: String(int(random, 5)),
    samtykke: random() < 0.5 ? 'ja' : 'nej',
    bevilget: random() < 0.5 ? 'Ja' : 'Nej',
    kontaktperson: String(pick(random, ctx.userIds)),
    beskrivelse: `${words[0]?.toUpperCase() ?? ''}${words.slice(1)}; "sag" ${int(random, 1e5)}.`,
  };
  return { name, cpr, cells: FIELDS.map((f) => byKey[f.key] ?? '') };
}

const quote = (cell: string): string => (/[;"\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

export function toCsv(rows: GeneratedRow[]): string {
  const lines = [CSV_HEADERS.map(quote).join(';'), ...rows.map((r) => r.cells.map(quote).join(';'))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
