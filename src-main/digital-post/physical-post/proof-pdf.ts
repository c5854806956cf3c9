import type { Language } from '../../contract';
import { danishDayText, hasProofOfDelivery } from '../../contract/physical-post-rules';
import { maskCpr } from '../../cpr/cpr';
import { PdfEngine } from '../../documents/pdf/pdf-engine';
import type { ContentBlock } from '../../documents/pdf/page-layout';
import { formatNumber } from '../../shared/danish-formats';
import { DomainError } from '../../shared/domain-error';
import type { MessageRow } from '../outbox/outbox-repo';

const engine = new PdfEngine();

/** A stored ISO time as a Danish reader reads it: 15-01-2027 kl. 10:12:05 (Copenhagen time). */
export function danishDateTime(iso: string | null, lang: Language): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  return `${parts.day}-${parts.month}-${parts.year} ${lang === 'da' ? 'kl.' : 'at'} ${parts.hour}:${parts.minute}:${parts.second}`;
}


const CHANNELS: Record<string, string> = { ngdp: 'Digital Post (NgDP)', sandbox: 'Digital Post (sandbox)', eboks: 'e-Boks' };

export interface ProofFacts {
  recordNumber: string | null;
  senderLabel: string;
  senderCvr: string;
  /** The caseworker who marked a physical letter as posted. */
  postedByName: string | null;
  generatedAt: string;
}


/**
 * A printable proof of delivery beside the JSON evidence: for Digital Post the
 * receipt's facts (message id, times, channel, status), for physical post the
 * day it was posted and who posted it; always the SHA-256 of the exact bytes.
 */
export function proofOfDeliveryPdf(row: MessageRow, facts: ProofFacts, lang: Language): { fileName: string; pdf: Uint8Array } {
  const da = lang === 'da';
  if (!hasProofOfDelivery(row.state, row.posted_on)) {
    throw new DomainError(
      'conflict',
      row.state === 'physical_post'
        ? da ? `Brevet "${row.subject}" er endnu ikke markeret som afsendt med fysisk post` : `The letter "${row.subject}" has not been marked as posted yet`
        : da ? `Brevet "${row.subject}" er endnu ikke modtaget af Digital Post` : `The letter "${row.subject}" has not been received by Digital Post yet`,
    );
  }
  const physical = row.state === 'physical_post';
  const receipt = row.delivery_receipt ? (JSON.parse(row.delivery_receipt) as Record<string, unknown>) : null;
  // NgDP's receipt names it receiptStatus (COMPLETED); the e-Boks status answer, status.
  const status = receipt?.receiptStatus ?? receipt?.status;
  const receiptStatus = typeof status === 'string' ? status : null;
  const stateText: Record<string, [string, string]> = {
    accepted: ['Modtaget af Digital Post, afventer levering', 'Received by Digital Post, awaiting delivery'],
    delivered: ['Leveret i borgerens digitale postkasse', "Delivered to the citizen's digital mailbox"],
    read: ['Leveret og læst', 'Delivered and read'],
    physical_post: ['Sendt med fysisk post', 'Sent by physical post'],
  };
  const row2 = (da_: string, en: string, value: string): string[] => [da ? da_ : en, value];
  const rows: string[][] = [
    row2('Sag', 'Record', facts.recordNumber ?? '–'),
    row2('Emne', 'Subject', row.subject),
    row2('Modtager (CPR)', 'Recipient (CPR)', maskCpr(row.recipient_cpr)),
    row2('Afsender', 'Sender', `${facts.senderLabel} (CVR ${facts.senderCvr})`),
    row2('Brevet skrevet', 'Letter written', danishDateTime(row.created_at, lang)),
    row2('Status', 'Status', (stateText[row.state] as [string, string])[da ? 0 : 1]),
  ];
  if (physical) {
    rows.push(
      row2('Kanal', 'Channel', da ? 'Fysisk post (borgeren er fritaget for Digital Post)' : 'Physical post (the citizen is exempt from Digital Post)'),
      row2('Afsendt med posten', 'Posted on', danishDayText(row.posted_on as string)),
      row2('Afsendt af', 'Posted by', facts.postedByName ?? '–'),
      row2('Registreret', 'Recorded', danishDateTime(row.posted_recorded_at, lang)),
    );
  } else {
    rows.push(
      row2('Kanal', 'Channel', CHANNELS[row.transport ?? ''] ?? row.transport ?? 'Digital Post'),
      row2('Besked-id (messageUUID)', 'Message id (messageUUID)', row.message_uuid),
      row2('Transmissions-id', 'Transmission id', row.transmission_id ?? '–'),
      row2('Modtaget af Digital Post', 'Received by Digital Post', danishDateTime(row.accepted_at, lang)),
      row2('Leveret', 'Delivered', danishDateTime(row.delivered_at, lang)),
      row2('Kvitteringens status', 'Receipt status', receiptStatus ?? '–'),
    );
  }
  rows.push(row2('Sendt indhold (SHA-256)', 'Content sent (SHA-256)', `${row.memo_sha256} (${formatNumber(String(row.memo_bytes), lang)} bytes)`));
  const files = (JSON.parse(row.files) as { fileName: string; sha256: string }[]).map((f) => [f.fileName, f.sha256]);
  const title = da ? 'Leveringsbevis' : 'Proof of delivery';
  const blocks: ContentBlock[] = [
    { type: 'heading', text: title, level: 1 },
    {
      type: 'paragraph',
      text: physical
        ? da
          ? 'Brevet herunder er sendt med fysisk post. Datoen og sagsbehandleren er registreret i sagens revisionsspor.'
          : 'The letter below was sent by physical post. The date and the caseworker are recorded in the record’s audit trail.'
        : da
          ? 'Brevet herunder er afleveret via Digital Post. Oplysningerne kommer fra kvitteringen fra Digital Post.'
          : 'The letter below was handed over via Digital Post. The facts come from Digital Post’s receipt.',
    },
    { type: 'table', columns: [{ header: da ? 'Oplysning' : 'Fact', width: 1 }, { header: da ? 'Værdi' : 'Value', width: 2 }], rows },
    { type: 'heading', text: da ? 'Filer i brevet' : 'Files in the letter', level: 2 },
    { type: 'table', columns: [{ header: da ? 'Fil' : 'File', width: 1 }, { header: 'SHA-256', width: 2 }], rows: files },
  ];
  const content = {
    title: `${title}: ${row.subject}`,
    letterhead: { senderLines: [facts.senderLabel], recipientLines: [], dateLine: danishDateTime(facts.generatedAt, lang), showLogo: false },
    blocks,
    pageLabel: (page: number, pages: number) => (da ? `Side ${page} af ${pages}` : `Page ${page} of ${pages}`),
  };
  const pdf = engine.render(engine.resourcesFor([content], null), content, new Date(facts.generatedAt)).pdf;
  return { fileName: `leveringsbevis-${row.message_uuid}.pdf`, pdf };
}
