// The benchmark's workspace: 20 fields (name, CPR and the responsible user and
// group roles among them), a dozen caseworkers in five groups, and a grant
// workflow whose "Under behandling" status carries a status action, built
// through the same services an administrator uses.
import type { Services } from '../../src-main/app/services';
import type { FieldType, StatusDef, UserView, WorkflowDef } from '../../src-main/contract';

export const CHOICES = {
  ansoegningstype: ['Boligtilskud', 'Hjælpemidler', 'Tandpleje', 'Medicintilskud', 'Enkeltydelse'],
  prioritet: ['Lav', 'Normal', 'Høj'],
  kanal: ['Borger.dk', 'Brev', 'Telefon', 'Personligt fremmøde'],
} as const;

interface FieldSpec {
  key: string;
  label: string;
  type: FieldType;
  required?: boolean;
  role?: 'name' | 'cpr' | 'responsible_user' | 'responsible_group';
  options?: readonly string[];
}

export const FIELDS: readonly FieldSpec[] = [
  { key: 'navn', label: 'Navn', type: 'text', required: true, role: 'name' },
  { key: 'cpr', label: 'CPR-nummer', type: 'cpr', role: 'cpr' },
  { key: 'sagsbehandler', label: 'Sagsbehandler', type: 'user', role: 'responsible_user' },
  { key: 'team', label: 'Team', type: 'group', role: 'responsible_group' },
  { key: 'adresse', label: 'Adresse', type: 'text' },
  { key: 'postnummer', label: 'Postnummer', type: 'number' },
  { key: 'by', label: 'By', type: 'text' },
  { key: 'email', label: 'E-mail', type: 'email' },
  { key: 'telefon', label: 'Telefon', type: 'phone' },
  { key: 'ansoegningstype', label: 'Ansøgningstype', type: 'choice', options: CHOICES.ansoegningstype },
  { key: 'beloeb', label: 'Ansøgt beløb (kr.)', type: 'number' },
  { key: 'modtaget', label: 'Modtaget', type: 'date' },
  { key: 'frist', label: 'Frist', type: 'date' },
  { key: 'prioritet', label: 'Prioritet', type: 'choice', options: CHOICES.prioritet },
  { key: 'kanal', label: 'Kanal', type: 'choice', options: CHOICES.kanal },
  { key: 'antal_boern', label: 'Antal børn', type: 'number' },
  { key: 'samtykke', label: 'Samtykke givet', type: 'yesno' },
  { key: 'bevilget', label: 'Bevilget', type: 'yesno' },
  { key: 'kontaktperson', label: 'Kontaktperson', type: 'user' },
  { key: 'beskrivelse', label: 'Beskrivelse', type: 'longtext' },
];

const GROUPS = ['Visitation', 'Sagsbehandling', 'Økonomi', 'Jobcenter', 'Børn og unge'];
const CASEWORKERS = [
  'Mette Jensen', 'Jens Nielsen', 'Anne Sørensen', 'Lars Pedersen', 'Sofie Hansen', 'Peter Andersen',
  'Ida Larsen', 'Mads Rasmussen', 'Freja Madsen', 'Søren Olsen', 'Camilla Thomsen', 'Henrik Poulsen',
];

export interface BenchWorkspace {
  workflow: WorkflowDef;
  other: WorkflowDef;
  status: (name: string) => StatusDef;
  users: UserView[];
  groupIds: number[];
}

export function buildBenchWorkspace(services: Services): BenchWorkspace {
  const { users, workspace } = services;
  const groupIds = GROUPS.map((name) => users.saveGroup({ name }).id);
  const people = CASEWORKERS.map((name, i) =>
    users.saveUser({
      name,
      initials: name.split(' ').map((w) => w[0]).join(''),
      email: `${i}@kommune.example`,
      isAdmin: i === 0,
      groupIds: [groupIds[i % groupIds.length] as number, groupIds[(i + 2) % groupIds.length] as number],
    }),
  );
  FIELDS.forEach((f, i) =>
    workspace.saveField({
      key: f.key,
      label: f.label,
      type: f.type,
      required: f.required ?? false,
      options: [...(f.options ?? [])],
      role: f.role ?? null,
      showInList: i < 4,
      sortOrder: i + 1,
    }),
  );

  const wf = workspace.saveWorkflow({ name: 'Ansøgning om tilskud', description: 'Benchmark', initialStatusId: null });
  const names = ['Modtaget', 'Under behandling', 'Afventer underskrift', 'Afsluttet', 'Afvist'];
  const ids = names.map((name, i) => workspace.saveStatus({ workflowId: wf.id, name, color: '#2563eb', isFinal: i >= 3, sortOrder: i + 1 }).id);
  const [modtaget, behandling, underskrift, afsluttet, afvist] = ids as [number, number, number, number, number];
  const move = (from: number, to: number) => workspace.saveTransition({ workflowId: wf.id, fromStatusId: from, toStatusId: to, label: '' });
  move(modtaget, behandling);
  move(modtaget, afvist);
  move(behandling, underskrift);
  move(behandling, afvist);
  move(underskrift, afsluttet);
  move(underskrift, behandling);
  move(afvist, behandling);
  // The one status action: entering "Under behandling" hands the record to a group.
  workspace.saveStatusAction({
    statusId: behandling,
    type: 'assign_responsible',
    name: 'Overdrag til Sagsbehandling',
    params: { fieldKey: 'team', targetId: groupIds[1] as number },
    enabled: true,
    sortOrder: 0,
  });

  const inquiry = workspace.saveWorkflow({ name: 'Borgerhenvendelse', description: 'Benchmark', initialStatusId: null });
  const ny = workspace.saveStatus({ workflowId: inquiry.id, name: 'Ny', color: '#2563eb', isFinal: false, sortOrder: 1 });
  const besvaret = workspace.saveStatus({ workflowId: inquiry.id, name: 'Besvaret', color: '#16a34a', isFinal: true, sortOrder: 2 });
  workspace.saveTransition({ workflowId: inquiry.id, fromStatusId: ny.id, toStatusId: besvaret.id, label: '' });

  const ws = workspace.snapshot();
  const workflow = ws.workflowsById.get(wf.id) as WorkflowDef;
  const other = ws.workflowsById.get(inquiry.id) as WorkflowDef;
  const status = (name: string): StatusDef => {
    const s = [...workflow.statuses, ...other.statuses].find((x) => x.name === name);
    if (!s) throw new Error(`bench set-up: no status ${name}`);
    return s;
  };
  return { workflow, other, status, users: people, groupIds };
}
