// Every contract method, fed malformed input generated from its own schema,
// must answer {ok:false, error:{code:'invalid_input'}}: never throw, never
// write, and leave the app answering valid calls.
import { describe, expect, it } from 'vitest';
import type { Session } from '../../src-main/app/session';
import { METHOD_NAMES, methodInputs, type MethodName } from '../../src-main/contract';
import { badValues, jsonSchemaOf, sample, unboundedParts } from './helpers/schema-fuzz';
import { count, demo, type TestApp, useTestApps } from './helpers/test-app';

const { open } = useTestApps();

let app: TestApp;
let session: Session;
const covered = new Set<string>();

const openApp = () => {
  app = open({ seedDemo: true });
  session = demo(app).adminSession();
};

/** The input with an own "__proto__" key, as JSON.parse makes it from a request body. */
const withProtoKey = (input: unknown): unknown =>
  JSON.parse(JSON.stringify({ ...(input as object), PROTO: { isAdmin: true } }).replace('"PROTO"', '"__proto__"'));

const totalChanges = () => app.services.db.prepare('SELECT total_changes()').pluck().get() as number;

describe('contract schemas', () => {
  it.each(METHOD_NAMES)('%s: has a strict object schema whose sample input is valid', (method) => {
    const json = jsonSchemaOf(methodInputs[method]);
    expect(json.type).toBe('object');
    expect(json.additionalProperties).toBe(false);
    const input = sample(json);
    const parsed = methodInputs[method].safeParse(input);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it.each(METHOD_NAMES)('%s: bounds every string, number, array and key', (method) => {
    expect(unboundedParts(jsonSchemaOf(methodInputs[method]))).toEqual([]);
  });
});

describe('malformed input to every method', () => {
  it.each(METHOD_NAMES)('%s', async (method: MethodName) => {
    openApp();
    const json = jsonSchemaOf(methodInputs[method]);
    const cases = [
      ...badValues(json).filter((b) => b.value !== null),
      // Always, whatever the JSON Schema says about extra keys.
      { label: 'an unknown extra key', value: { ...(sample(json) as object), unexpectedKey: 'x' } },
      { label: 'a prototype-polluting key', value: withProtoKey(sample(json)) },
      { label: 'a function', value: () => 1 },
      { label: 'a symbol', value: Symbol('x') },
      { label: 'a bigint', value: 10n },
    ];
    expect(cases.length).toBeGreaterThan(5);
    const before = totalChanges();
    for (const { label, value } of cases) {
      let result: Awaited<ReturnType<TestApp['dispatch']>>;
      try {
        result = await app.dispatch(method, value, session);
      } catch (error) {
        throw new Error(`${method} with ${label} threw: ${(error as Error).message}`);
      }
      expect(result.ok, `${method} accepted ${label}`).toBe(false);
      if (!result.ok) {
        expect(result.error.code, `${method} with ${label}: ${result.error.message}`).toBe('invalid_input');
        expect(result.error.message.length).toBeLessThan(1000);
      }
    }
    expect(totalChanges(), `${method}: malformed input wrote to the database`).toBe(before);
    // null and undefined count as "no input": refused exactly when something is required.
    // Such a call may be valid (lockSession, signInWithOsAccount), so it gets a throwaway
    // session and may write (an audited sign-in attempt).
    for (const nothing of [null, undefined]) {
      const result = await app.dispatch(method, nothing, { ...session });
      if ((json.required ?? []).length > 0) expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      else expect(result.ok || result.error.code !== 'invalid_input', `${method} refused ${String(nothing)}`).toBe(true);
    }
    expect(count(app.services.db, 'records')).toBe(200);
    // Still alive and still the same session.
    const alive = await app.dispatch('getSession', {}, session);
    expect(alive).toMatchObject({ ok: true, value: { user: { id: session.userId } } });
    covered.add(method);
  });

  it('a values map with more than 500 fields is refused', async () => {
    openApp();
    const values = Object.fromEntries(Array.from({ length: 501 }, (_v, i) => [`f${i}`, 'x']));
    const result = await app.dispatch('createRecord', { workflowId: demo(app).workflow.id, values }, session);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('covered every contract method', () => {
    expect([...covered].sort()).toEqual([...METHOD_NAMES].sort());
  });
});
