import type { Language } from '../../contract';
import type { MemoProblem } from './memo-types';

/** One MeMo problem in plain words for the caseworker (no CPR: only paths and file names). */
export function memoProblemText(p: MemoProblem, lang: Language): string {
  const v = (k: string) => String(p.params?.[k] ?? '');
  const da = lang === 'da';
  switch (p.key) {
    case 'required':
      return da ? `${where(p.path, lang)} skal udfyldes` : `${where(p.path, lang)} is required`;
    case 'too_long':
      return da ? `${where(p.path, lang)} må højst være ${v('max')} tegn` : `${where(p.path, lang)} may be at most ${v('max')} characters`;
    case 'filename_empty':
      return da ? 'En vedhæftet fil mangler et navn' : 'An attached file has no name';
    case 'filename_forbidden_character':
      return da
        ? `Filnavnet "${v('filename')}" indeholder tegnet ${v('character')}, som Digital Post ikke tillader (< > : " / \\ | ? * og særlige mellemrum)`
        : `The file name "${v('filename')}" contains ${v('character')}, which Digital Post does not allow (< > : " / \\ | ? * and special spaces)`;
    case 'filename_too_long':
      return da ? `Filnavnet "${v('filename')}" er for langt` : `The file name "${v('filename')}" is too long`;
    case 'filename_not_pdf':
      return da ? `Filen "${v('filename')}" skal være en PDF (.pdf)` : `The file "${v('filename')}" must be a PDF (.pdf)`;
    case 'file_empty':
      return da ? `Filen "${v('filename')}" er tom` : `The file "${v('filename')}" is empty`;
    case 'file_too_large':
      return da ? `Filen "${v('filename')}" er større end ${v('maxMb')} MB` : `The file "${v('filename')}" is larger than ${v('maxMb')} MB`;
    case 'message_too_large':
      return da ? `Brevet er samlet større end ${v('maxMb')} MB` : `The letter is larger than ${v('maxMb')} MB in total`;
    case 'action_not_https':
      return da ? 'Et link i brevet skal begynde med https://' : 'A link in the letter must start with https://';
    case 'action_url_too_long':
      return da ? `Et link i brevet må højst være ${v('max')} tegn langt (Digital Post-formatet MeMo tillader ikke længere)` : `A link in the letter may be at most ${v('max')} characters (the MeMo format allows no more)`;
    case 'language_format':
      return da
        ? `Sproget for filen "${v('filename')}" skal være en sprogkode på 2 bogstaver, fx da (ikke "${v('language')}")`
        : `The language of the file "${v('filename')}" must be a 2-letter code such as da (not "${v('language')}")`;
    case 'time_not_utc':
      return da ? 'Brevets oprettelsestidspunkt skal være i UTC (slutte på Z); prøv at sende igen' : "The letter's creation time must be in UTC (end in Z); try sending again";
    case 'action_code':
      return da ? 'Ukendt handlingstype i brevet' : 'Unknown action type in the letter';
    case 'cpr_format':
      return da ? 'Modtagerens CPR-nummer skal være 10 cifre' : "The recipient's CPR number must be 10 digits";
    case 'cvr_format':
      return da
        ? 'Afsenderens CVR-nummer (Indstillinger → Integrationer → Digital Post) skal være 8 cifre'
        : "The sender's CVR number (Settings → Integrations → Digital Post) must be 8 digits";
    case 'uuid_format':
      return da ? 'Internt besked-id er ugyldigt' : 'Internal message id is invalid';
  }
}

function where(path: string, lang: Language): string {
  const da = lang === 'da';
  if (path === 'label') return da ? 'Emnet' : 'The subject';
  if (path === 'notification') return da ? 'Notifikationsteksten' : 'The notification text';
  if (path === 'sender.label') return da ? 'Afsendernavnet' : 'The sender name';
  if (path.endsWith('.files')) return da ? 'Brevet skal have mindst én fil, og det' : 'The letter needs at least one file; it';
  return da ? `Feltet ${path}` : `The field ${path}`;
}
