import { createHash } from 'node:crypto';
import { DomainError } from '../../shared/domain-error';
import type { MessageRow } from '../outbox/outbox-repo';

export interface LetterFile {
  fileName: string;
  role: 'main' | 'attachment';
  content: Buffer;
}

/**
 * The PDFs of a letter, taken from the exact MeMo bytes stored when it was
 * queued (the builder writes each file as <memo:content> base64, main document
 * first). Each file is checked against the SHA-256 recorded beside the memo, so
 * what the caseworker opens or prints is provably what was (or will be) sent.
 */
export function letterFiles(row: Pick<MessageRow, 'memo' | 'files'>): LetterFile[] {
  const summaries = JSON.parse(row.files) as { fileName: string; sha256: string; role: 'main' | 'attachment' }[];
  const xml = Buffer.from(row.memo).toString('utf8');
  const contents = [...xml.matchAll(/<memo:content>([A-Za-z0-9+/=\s]*)<\/memo:content>/g)].map((m) => Buffer.from(m[1] ?? '', 'base64'));
  if (contents.length !== summaries.length) throw new DomainError('internal', 'the stored letter does not hold the files it lists');
  return summaries.map((s, i) => {
    const content = contents[i] as Buffer;
    if (createHash('sha256').update(content).digest('hex') !== s.sha256) throw new DomainError('internal', `the stored file ${i + 1} of the letter does not match its checksum`);
    return { fileName: s.fileName, role: s.role, content };
  });
}
