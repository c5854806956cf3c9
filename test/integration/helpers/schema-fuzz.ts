// Generates valid and malformed inputs from a zod schema (through its JSON
// Schema), so every contract method is fuzzed without a hand-written list and
// a new method is covered the day it is added.
import { z } from 'zod';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

export interface BadValue {
  label: string;
  value: unknown;
}

export const jsonSchemaOf = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** Sample strings for the patterns the contract uses; a new pattern must be added here. */
const PATTERN_SAMPLES: Record<string, string> = {
  '^[a-z][a-z0-9_]*$': 'a',
  '^#[0-9a-fA-F]{6}$': '#a0b1c2',
  '^[A-Za-z0-9.:/_-]*$': 'kommune.idura.broker',
  '^[A-Za-z0-9_-]{10,64}$': 'abcdefghij12',
  '^\\d{1,15}$': '1',
  // a mailing send's confirmation (the summary's SHA-256 fingerprint)
  '^[0-9a-f]{64}$': 'a'.repeat(64),
  // z.uuid() (the compose dialog's request id)
  [(z.toJSONSchema(z.uuid()) as JsonSchema).pattern as string]: '7055b9cc-7e5c-40e5-a86d-699cc7d09e7c',
  '^[^\\s/\\\\:*?"<>|]+$': 'jdoe',
};

const types = (s: JsonSchema): string[] => (s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type]);
const isAnything = (s: JsonSchema) => !s.anyOf && s.type === undefined && s.enum === undefined && s.const === undefined;
const nonNull = (s: JsonSchema): JsonSchema[] => (s.anyOf ?? [s]).filter((b) => !types(b).includes('null') || types(b).length > 1);

/** A minimal valid value. */
export function sample(s: JsonSchema): unknown {
  if (s.anyOf) return sample(nonNull(s)[0] ?? (s.anyOf[0] as JsonSchema));
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const type = types(s)[0];
  switch (type) {
    case 'string': {
      if (s.pattern !== undefined) {
        const v = PATTERN_SAMPLES[s.pattern];
        if (v === undefined) throw new Error(`schema-fuzz: add a sample for pattern ${s.pattern}`);
        return v;
      }
      return 'x'.repeat(Math.max(1, s.minLength ?? 0));
    }
    case 'integer':
    case 'number':
      return Math.min(Math.max(1, s.minimum ?? 1), s.maximum ?? 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items ?? {}));
    case 'object':
      return Object.fromEntries((s.required ?? []).map((key) => [key, sample(s.properties?.[key] ?? {})]));
    case undefined:
      return 'anything';
    default:
      throw new Error(`schema-fuzz: unknown JSON type ${type}`);
  }
}

const jsonType = (v: unknown): string[] => {
  if (v === null) return ['null'];
  if (Array.isArray(v)) return ['array'];
  if (typeof v === 'number') return Number.isInteger(v) ? ['integer', 'number'] : ['number'];
  return [typeof v];
};

/** Whether a value's JSON type is one the schema allows (constraints aside). */
function typeFits(value: unknown, s: JsonSchema): boolean {
  if (s.anyOf) return s.anyOf.some((b) => typeFits(value, b));
  if (isAnything(s)) return true;
  if (s.const !== undefined) return typeof value === typeof s.const;
  if (s.enum) return s.enum.some((e) => typeof e === typeof value);
  return jsonType(value).some((t) => types(s).includes(t));
}

const WRONG_TYPED: BadValue[] = [
  { label: 'a number', value: 42 },
  { label: 'a float', value: 1.5 },
  { label: 'a string', value: 'x' },
  { label: 'a boolean', value: true },
  { label: 'null', value: null },
  { label: 'an array', value: [] },
  { label: 'an array of objects', value: [{ a: 1 }] },
  { label: 'an object', value: {} },
  { label: 'a nested object', value: { nested: { deep: [1, 'a', null], id: -1 } } },
];

/** Values of the right JSON type that break a constraint of one branch. */
function violations(s: JsonSchema): BadValue[] {
  if (s.anyOf) return nonNull(s).flatMap(violations);
  const out: BadValue[] = [];
  if (s.enum) out.push({ label: 'a value outside the enum', value: typeof s.enum[0] === 'string' ? '__not_in_enum__' : 987_654 });
  for (const type of types(s)) {
    if (type === 'string') {
      const fill = s.pattern !== undefined ? (PATTERN_SAMPLES[s.pattern] ?? 'a').slice(-1) : 'a';
      if (s.maxLength !== undefined) {
        out.push({ label: `a string of maxLength+1 (${s.maxLength + 1})`, value: fill.repeat(s.maxLength + 1) });
        if (s.maxLength < 1_000_000) out.push({ label: 'a 1 MB string', value: fill.repeat(1_000_000) });
      }
      if ((s.minLength ?? 0) > 0) out.push({ label: 'an empty string', value: '' });
      if (s.pattern !== undefined) out.push({ label: 'a string against the pattern', value: 'Not Valid!' });
    }
    if (type === 'integer' || type === 'number') {
      if (type === 'integer') out.push({ label: 'a float', value: 1.5 });
      if (s.minimum !== undefined) out.push({ label: 'minimum-1', value: s.minimum - 1 });
      if ((s.minimum ?? -1) >= 0) out.push({ label: 'a negative number', value: -1 });
      if (s.maximum !== undefined) out.push({ label: 'maximum+1', value: s.maximum + 1 });
      out.push({ label: 'NaN', value: Number.NaN }, { label: 'Infinity', value: Number.POSITIVE_INFINITY }, { label: '-Infinity', value: Number.NEGATIVE_INFINITY });
      out.push({ label: 'a numeric string', value: '1' });
    }
    if (type === 'array') {
      if (s.maxItems !== undefined) {
        const tooMany = Array.from({ length: s.maxItems + 1 }, () => sample(s.items ?? {}));
        out.push({ label: `maxItems+1 (${s.maxItems + 1}) items`, value: tooMany });
      }
      for (const bad of badValues(s.items ?? {}).slice(0, 12)) out.push({ label: `an item that is ${bad.label}`, value: [bad.value] });
    }
    if (type === 'object') out.push(...objectViolations(s));
  }
  return out;
}

function objectViolations(s: JsonSchema): BadValue[] {
  const out: BadValue[] = [];
  const base = sample(s) as Record<string, unknown>;
  if (s.additionalProperties === false) out.push({ label: 'an unknown extra key', value: { ...base, unexpectedKey: 'x' } });
  for (const key of s.required ?? []) {
    const { [key]: _dropped, ...rest } = base;
    out.push({ label: `"${key}" missing`, value: rest });
  }
  for (const [key, prop] of Object.entries(s.properties ?? {})) {
    for (const bad of badValues(prop)) out.push({ label: `"${key}" is ${bad.label}`, value: { ...base, [key]: bad.value } });
  }
  // Records: bounded keys, typed values.
  const valueSchema = typeof s.additionalProperties === 'object' ? s.additionalProperties : null;
  if (s.propertyNames?.maxLength !== undefined) {
    out.push({ label: 'a key of maxLength+1', value: { ...base, ['k'.repeat(s.propertyNames.maxLength + 1)]: valueSchema ? sample(valueSchema) : 'x' } });
  }
  if (valueSchema) for (const bad of badValues(valueSchema)) out.push({ label: `a record value that is ${bad.label}`, value: { ...base, somekey: bad.value } });
  return out;
}

/** Every malformed value this generator knows for a schema position. */
export function badValues(s: JsonSchema): BadValue[] {
  if (isAnything(s)) return [];
  return [...WRONG_TYPED.filter((w) => !typeFits(w.value, s)), ...violations(s)];
}

/** Schema discipline: bounded strings, arrays, numbers and keys, everywhere in the tree. */
export function unboundedParts(s: JsonSchema, path = '$'): string[] {
  const out: string[] = [];
  if (s.anyOf) s.anyOf.forEach((b, i) => out.push(...unboundedParts(b, `${path}|${i}`)));
  for (const type of types(s)) {
    const fixedPattern = s.pattern !== undefined && /^\^[^*+]*\$$/.test(s.pattern);
    if (type === 'string' && s.maxLength === undefined && s.enum === undefined && s.const === undefined && !fixedPattern) {
      out.push(`${path}: string without maxLength`);
    }
    if ((type === 'integer' || type === 'number') && (s.minimum === undefined || s.maximum === undefined)) out.push(`${path}: number without bounds`);
    if (type === 'array') {
      if (s.maxItems === undefined) out.push(`${path}: array without maxItems`);
      out.push(...unboundedParts(s.items ?? {}, `${path}[]`));
    }
    if (type === 'object') {
      for (const [key, prop] of Object.entries(s.properties ?? {})) out.push(...unboundedParts(prop, `${path}.${key}`));
      if (s.additionalProperties !== false) {
        if (s.propertyNames?.maxLength === undefined) out.push(`${path}: record keys without maxLength`);
        if (typeof s.additionalProperties === 'object') out.push(...unboundedParts(s.additionalProperties, `${path}.*`));
      }
    }
  }
  return out;
}
