// The NgDP 1.68.0 DTO schemas (ngdp-1.68.0.schema.json, copied unchanged from
// ../shared/reference/ngdp/) and what the contract tests derive from them:
//  - "closed" variants that forbid properties the DTO does not declare, at every
//    level: the real API tolerates extras, but a sandbox that invents a field
//    (or drifts from a real one) must fail;
//  - the request side of each operation our client calls (query and path
//    parameters as ngdp/README.md §3 gives them).
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import schema from './ngdp-1.68.0.schema.json';

const ID = schema.$id;

type Json = Record<string, unknown>;

/** Every object schema with properties gets additionalProperties:false (a deep copy). */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) out[k] = closed(v);
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

const closedSchema = { ...(closed(schema) as Json), $id: `${ID}:closed` };

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
ajv.addSchema(schema);
ajv.addSchema(closedSchema);

export type Dto = keyof typeof schema.$defs;

/** Validates against the DTO as declared (extras allowed, as the real API allows them). */
export function dto(name: Dto): ValidateFunction {
  const v = ajv.getSchema(`${ID}#/$defs/${name}`);
  if (!v) throw new Error(`no DTO ${name}`);
  return v;
}

/** Validates against the DTO with no undeclared property at any level: what a sandbox answer must satisfy. */
export function closedDto(name: Dto): ValidateFunction {
  const v = ajv.getSchema(`${ID}:closed#/$defs/${name}`);
  if (!v) throw new Error(`no DTO ${name}`);
  return v;
}

const uuid = { type: 'string', format: 'uuid' };
const int = { type: 'string', pattern: '^(0|[1-9][0-9]*)$' };

/** Request parameters per operation, as they arrive on the wire (query values are strings). */
export const requestSchemas = {
  /** POST memos/: memo-message-uuid is required by the client (README §3.1). */
  sendMemo: ajv.compile({ type: 'object', required: ['memo-message-uuid'], properties: { 'memo-message-uuid': uuid }, additionalProperties: false }),
  /** GET receipts/: ReceiptSearchCommand { page, size } as ?page=&size= (both sent; README §3.3). */
  listReceipts: ajv.compile({ type: 'object', required: ['page', 'size'], properties: { page: int, size: int }, additionalProperties: false }),
  /** GET receipts/{id}: optional `delete` boolean. */
  fetchReceipt: ajv.compile({ type: 'object', properties: { delete: { enum: ['true', 'false'] } }, additionalProperties: false }),
  /** DELETE receipts/{id}: no query. */
  deleteReceipt: ajv.compile({ type: 'object', properties: {}, additionalProperties: false }),
  /** GET contacts/: cprNumber (10 digits, no separator: Contact.cprNumber). */
  queryContacts: ajv.compile({ type: 'object', required: ['cprNumber'], properties: { cprNumber: { type: 'string', pattern: '^[0-9]{10}$' } }, additionalProperties: false }),
  /** A path id: uuid. */
  pathId: ajv.compile(uuid),
};

export function errorsOf(v: ValidateFunction): string {
  return ajv.errorsText(v.errors, { separator: '; ' });
}
