import type { Services } from '../app/services';
import { EXAMPLE_LETTER } from '../contract/document-example';
import { isoAt } from '../shared/clock';
import { FIRST_NAMES, LAST_NAMES, STREETS, TOWNS, fictitiousCpr, pick, seededRandom } from './demo-people';

/**
 * The sandbox workspace a new installation starts with: a Danish grant
 * application workflow, a few caseworkers and groups, and fictitious records;
 * plus one of each thing the README shows (docs/documents-and-mailings.md,
 * "The sandbox workspace"): the letterhead template "Afgørelse", a Digital
 * Post action, a signature action on "Afventer underskrift" and a questionnaire.
 */
export function seedDemoWorkspace(services: Services, recordCount = 200): void {
  const { db, users, workspace } = services;
  db.transaction(() => {
    const visitation = users.saveGroup({ name: 'Visitation' });
    const sagsbehandling = users.saveGroup({ name: 'Sagsbehandling' });
    const oekonomi = users.saveGroup({ name: 'Økonomi' });
    const people = [
      users.saveUser({ name: 'Mette Jensen', initials: 'MJ', email: 'mette.jensen@kommune.example', isAdmin: true, groupIds: [visitation.id] }),
      users.saveUser({ name: 'Jens Nielsen', initials: 'JN', email: 'jens.nielsen@kommune.example', isAdmin: false, groupIds: [sagsbehandling.id] }),
      users.saveUser({ name: 'Anne Sørensen', initials: 'AS', email: 'anne.soerensen@kommune.example', isAdmin: false, groupIds: [sagsbehandling.id, visitation.id] }),
      users.saveUser({ name: 'Lars Pedersen', initials: 'LP', email: 'lars.pedersen@kommune.example', isAdmin: false, groupIds: [oekonomi.id] }),
    ];

    const field = (key: string, label: string, type: Parameters<typeof workspace.saveField>[0]['type'], extra: Partial<Parameters<typeof workspace.saveField>[0]> = {}) =>
      workspace.saveField({ key, label, type, required: false, options: [], role: null, showInList: false, sortOrder: 0, ...extra });
    const fields = [
      field('navn', 'Navn', 'text', { required: true, role: 'name', showInList: true, sortOrder: 1 }),
      field('cpr', 'CPR-nummer', 'cpr', { role: 'cpr', showInList: true, sortOrder: 2 }),
      field('adresse', 'Adresse', 'text', { sortOrder: 3 }),
      field('email', 'E-mail', 'email', { sortOrder: 4 }),
      field('telefon', 'Telefon', 'phone', { sortOrder: 5 }),
      field('ansoegningstype', 'Ansøgningstype', 'choice', {
        options: ['Boligtilskud', 'Hjælpemidler', 'Tandpleje', 'Medicintilskud'],
        showInList: true,
        sortOrder: 6,
      }),
      field('beloeb', 'Ansøgt beløb (kr.)', 'number', { sortOrder: 7 }),
      field('frist', 'Frist', 'date', { sortOrder: 8 }),
      field('beskrivelse', 'Beskrivelse', 'longtext', { sortOrder: 9 }),
      field('sagsbehandler', 'Sagsbehandler', 'user', { role: 'responsible_user', showInList: true, sortOrder: 10 }),
      field('team', 'Team', 'group', { role: 'responsible_group', sortOrder: 11 }),
      field('bevilget', 'Bevilget', 'yesno', { sortOrder: 12 }),
    ];
    void fields;

    const wf = workspace.saveWorkflow({ name: 'Ansøgning om tilskud', description: 'Ansøgninger om kommunale tilskud', initialStatusId: null });
    const status = (name: string, color: string, sortOrder: number, isFinal = false) =>
      workspace.saveStatus({ workflowId: wf.id, name, color, isFinal, sortOrder });
    const modtaget = status('Modtaget', '#2563eb', 1);
    const behandling = status('Under behandling', '#d97706', 2);
    const underskrift = status('Afventer underskrift', '#7c3aed', 3);
    const afsluttet = status('Afsluttet', '#16a34a', 4, true);
    const afvist = status('Afvist', '#dc2626', 5, true);
    const move = (from: number, to: number, label: string) => workspace.saveTransition({ workflowId: wf.id, fromStatusId: from, toStatusId: to, label });
    move(modtaget.id, behandling.id, 'Påbegynd behandling');
    move(modtaget.id, afvist.id, 'Afvis');
    move(behandling.id, underskrift.id, 'Send til underskrift');
    move(behandling.id, afvist.id, 'Afvis');
    move(underskrift.id, afsluttet.id, 'Afslut');
    move(underskrift.id, behandling.id, 'Tilbage til behandling');
    move(afvist.id, behandling.id, 'Genoptag');
    const action = (statusId: number, type: string, name: string, params: Record<string, unknown>) =>
      workspace.saveStatusAction({ statusId, type, name, params, enabled: true, sortOrder: 0 });
    action(modtaget.id, 'assign_responsible', 'Send til Visitation', { fieldKey: 'team', targetId: visitation.id });
    action(behandling.id, 'assign_responsible', 'Overdrag til Sagsbehandling', { fieldKey: 'team', targetId: sagsbehandling.id });
    action(afsluttet.id, 'set_field', 'Markér som bevilget', { fieldKey: 'bevilget', value: 'true' });
    action(afvist.id, 'set_field', 'Markér som ikke bevilget', { fieldKey: 'bevilget', value: 'false' });

    const inquiry = workspace.saveWorkflow({ name: 'Borgerhenvendelse', description: 'Spørgsmål fra borgere', initialStatusId: null });
    const ny = workspace.saveStatus({ workflowId: inquiry.id, name: 'Ny', color: '#2563eb', isFinal: false, sortOrder: 1 });
    const besvaret = workspace.saveStatus({ workflowId: inquiry.id, name: 'Besvaret', color: '#16a34a', isFinal: true, sortOrder: 2 });
    workspace.saveTransition({ workflowId: inquiry.id, fromStatusId: ny.id, toStatusId: besvaret.id, label: 'Besvar' });

    const admin = people[0]!.id;
    // The decision letter, and the letterhead every letter written on a record is printed on.
    const decision = services.documents.templates.save(
      { name: 'Afgørelse', definition: { ...EXAMPLE_LETTER, letterhead: { ...EXAMPLE_LETTER.letterhead, forRecordLetters: true } } },
      admin,
    );
    // Shipped switched off: moving a demo record to "Afventer underskrift" creates no
    // signing order (and sends no link) until an administrator turns it on.
    workspace.saveStatusAction({
      statusId: underskrift.id,
      type: 'request_signature',
      name: 'Underskrift på afgørelsen',
      params: {
        templateId: decision,
        title: 'Afgørelse',
        message: 'Underskriv afgørelsen om dit tilskud',
        signedStatusId: afsluttet.id,
        rejectedStatusId: behandling.id,
      },
      enabled: false,
      sortOrder: 1,
    });
    // Answering a citizen's inquiry tells them so in Digital Post, on the letterhead.
    workspace.saveStatusAction({
      statusId: besvaret.id,
      type: 'send_digital_post',
      name: 'Send svar med Digital Post',
      params: {
        recipient: { mode: 'field', fieldKey: 'cpr' },
        subject: 'Svar på din henvendelse',
        notification: 'Du har fået svar fra kommunen',
        body: 'Kære {{navn}}\n\nTak for din henvendelse. Vi har nu besvaret den. Har du flere spørgsmål, er du velkommen til at skrive til os igen.',
        attachTemplateIds: [],
      },
      enabled: true,
      sortOrder: 0,
    });
    services.questionnaires.save(workspace.snapshot(), {
      title: 'Ansøgning om tilskud',
      intro: 'Her kan du søge om et kommunalt tilskud. Du logger ind med MitID, før du udfylder skemaet.',
      mitidRequired: true,
      mode: 'new_record',
      workflowId: wf.id,
      startStatusId: modtaget.id,
      completedStatusId: null,
      questions: [
        { kind: 'text', label: 'Navn', help: '', required: true, fieldKey: 'navn' },
        { kind: 'text', label: 'Adresse', help: '', required: true, fieldKey: 'adresse' },
        { kind: 'choice', label: 'Hvad søger du om?', help: '', required: true, fieldKey: 'ansoegningstype' },
        { kind: 'number', label: 'Beløb (kr.)', help: 'Fx 4.500,75', required: false, fieldKey: 'beloeb' },
        { kind: 'longtext', label: 'Fortæl kort om din situation', help: '', required: false, fieldKey: 'beskrivelse' },
      ],
    });

    const random = seededRandom(2026);
    const ws = workspace.snapshot();
    const spread = [modtaget, modtaget, behandling, behandling, behandling, underskrift, afsluttet, afvist];
    const groupFor = new Map([
      [modtaget.id, visitation.id],
      [behandling.id, sagsbehandling.id],
      [underskrift.id, sagsbehandling.id],
    ]);
    const now = services.clock.now();
    for (let i = 0; i < recordCount; i += 1) {
      const first = pick(random, FIRST_NAMES);
      const last = pick(random, LAST_NAMES);
      const inInquiry = i % 10 === 9;
      const st = inInquiry ? ny : pick(random, spread);
      const values: Record<string, string | null> = {
        navn: `${first} ${last}`,
        cpr: fictitiousCpr(random),
        adresse: `${pick(random, STREETS)} ${1 + Math.floor(random() * 120)}, ${pick(random, TOWNS)}`,
        email: `${first}.${last}@borger.example`.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa'),
        telefon: `${20 + Math.floor(random() * 70)} ${String(Math.floor(random() * 1e6)).padStart(6, '0')}`.replace(/(\d{2}) (\d{2})(\d{2})(\d{2})/, '$1 $2 $3 $4'),
        ansoegningstype: inInquiry ? null : pick(random, ['Boligtilskud', 'Hjælpemidler', 'Tandpleje', 'Medicintilskud']),
        beloeb: inInquiry ? null : String(500 + Math.floor(random() * 40) * 250),
        frist: isoAt(now + (5 + Math.floor(random() * 60)) * 86_400_000).slice(0, 10),
        sagsbehandler: st.id === modtaget.id ? null : String(pick(random, people).id),
        team: groupFor.has(st.id) ? String(groupFor.get(st.id)) : null,
        bevilget: st.id === afsluttet.id ? 'true' : st.id === afvist.id ? 'false' : null,
      };
      const { clean, errors } = services.records.checkValues(ws, values, true);
      if (errors.length) throw new Error(`demo record ${i} is invalid: ${errors.map((e) => `${e.field}:${e.key}`).join(', ')}`);
      services.records.insert(ws, st.workflowId, st.id, clean, { userId: null, via: 'demo' }, { runActions: false });
    }
  }).immediate();
}
