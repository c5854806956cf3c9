import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** The nine MeMo 1.2 schema files; MeMo_core.xsd imports the other eight. */
export const MEMO_XSD_FILES = [
  'MeMo_core.xsd',
  'MeMo_dataTypes.xsd',
  'MeMo_dmv.xsd',
  'MeMo_form.xsd',
  'MeMo_gln.xsd',
  'MeMo_grd.xsd',
  'MeMo_kle.xsd',
  'MeMo_sor.xsd',
  'MeMo_udd.xsd',
] as const;

export type XsdResult = { valid: true } | { valid: false; errors: string[] };

/** resources/memo-1.2 beside the app (packaged) or in the repository (source, tests, bundled main). */
export function memoXsdDir(): string {
  const candidates: string[] = [];
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged) candidates.push(join(packaged, 'resources', 'memo-1.2'), join(packaged, 'memo-1.2'));
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    candidates.push(join(dir, 'resources', 'memo-1.2'));
    if (dirname(dir) === dir) break;
  }
  const found = candidates.find((d) => existsSync(join(d, 'MeMo_core.xsd')));
  if (!found) throw new Error('MeMo XSDs not found (resources/memo-1.2)');
  return found;
}

// The worker keeps libxml2 compiled (WebAssembly.Module) and runs xmllint's main
// once per batch: `xmllint --noout --schema MeMo_core.xsd m0.xml m1.xml …`.
// xmllint-wasm's own validateXML starts a new worker and compiles the module on
// every call (~120 ms), too slow for an access point that takes hundreds a second.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { join, dirname } = require('node:path');
const Module = require(workerData.lib);
const compiled = new WebAssembly.Module(readFileSync(join(dirname(workerData.lib), 'xmllint.wasm')));
parentPort.on('message', (job) => {
  if (!job || job.key !== 'memo-xsd') return;
  let out = '';
  let answered = false;
  const done = (exitCode) => {
    if (answered) return;
    answered = true;
    parentPort.postMessage({ key: 'memo-xsd', id: job.id, exitCode, out });
  };
  Module({
    inputFiles: job.files,
    arguments: job.args,
    print: (t) => { out += t + '\\n'; },
    printErr: (t) => { out += t + '\\n'; },
    onExit: done,
    onAbort: (r) => { out += 'abort: ' + r + '\\n'; done(-1); },
    wasmMemory: new WebAssembly.Memory({ initial: 256, maximum: 32768 }),
    instantiateWasm: (imports, ok) => { WebAssembly.instantiate(compiled, imports).then((i) => ok(i), (e) => { out += String(e) + '\\n'; done(-1); }); return {}; },
  });
});
`;

interface Pending {
  xml: string;
  resolve: (r: XsdResult) => void;
  reject: (e: Error) => void;
}

/**
 * Validates MeMo messages against MeMo_core.xsd with the real libxml2
 * (xmllint-wasm). Messages that arrive while a batch runs wait for the next
 * batch, so under load many messages share one schema compilation.
 */
export class MemoXsdValidator {
  private readonly queue: Pending[] = [];
  private running = false;
  private worker: Worker | null = null;
  private nextId = 0;
  private schemas: { fileName: string; contents: string }[] | null = null;

  validate(xml: string): Promise<XsdResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ xml, resolve, reject });
      if (!this.running) setImmediate(() => void this.drain());
    });
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = null;
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length) {
        // One batch: up to 64 messages or ~64 MB, whichever comes first.
        const batch: Pending[] = [];
        let bytes = 0;
        while (this.queue.length && batch.length < 64 && (batch.length === 0 || bytes + (this.queue[0]?.xml.length ?? 0) < 64 * 1024 * 1024)) {
          const next = this.queue.shift() as Pending;
          bytes += next.xml.length;
          batch.push(next);
        }
        try {
          const out = await this.run(batch.map((p) => p.xml));
          batch.forEach((p, i) => p.resolve(resultOf(out, `m${i}.xml`)));
        } catch (error) {
          for (const p of batch) p.reject(error as Error);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private run(xmls: string[]): Promise<string> {
    this.schemas ??= MEMO_XSD_FILES.map((f) => ({ fileName: f, contents: readFileSync(join(memoXsdDir(), f), 'utf8') }));
    const worker = this.ensureWorker();
    const id = ++this.nextId;
    const names = xmls.map((_, i) => `m${i}.xml`);
    return new Promise((resolve, reject) => {
      const onMessage = (m: { key?: string; id?: number; exitCode: number; out: string }) => {
        if (m?.key !== 'memo-xsd' || m.id !== id) return;
        cleanup();
        // 0 all valid, 3/4 some invalid; anything else is xmllint itself failing.
        if (m.exitCode === 0 || m.exitCode === 3 || m.exitCode === 4 || m.exitCode === 1) resolve(m.out);
        else reject(new Error(`xmllint failed (${m.exitCode}): ${m.out.slice(0, 300)}`));
      };
      const onError = (e: Error) => {
        cleanup();
        this.worker = null;
        reject(e);
      };
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({
        key: 'memo-xsd',
        id,
        files: [...(this.schemas ?? []), ...xmls.map((contents, i) => ({ fileName: names[i], contents }))],
        // --huge: a letter's base64 file is one text node, often over libxml2's default 10 MB limit.
        args: ['--noout', '--huge', '--schema', 'MeMo_core.xsd', ...names],
      });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const lib = createRequire(import.meta.url).resolve('xmllint-wasm/xmllint-node.js');
    const worker = new Worker(WORKER, { eval: true, workerData: { lib } });
    worker.unref();
    // An error with no batch running must not become an uncaught 'error' event.
    worker.on('error', () => {
      if (this.worker === worker) this.worker = null;
    });
    worker.once('exit', () => {
      if (this.worker === worker) this.worker = null;
    });
    this.worker = worker;
    return worker;
  }
}

/** This file's verdict from xmllint's output: `mN.xml validates`, or its error lines. */
function resultOf(out: string, name: string): XsdResult {
  const lines = out.split('\n');
  if (lines.includes(`${name} validates`)) return { valid: true };
  const errors = lines.filter((l) => l.startsWith(`${name}:`)).map((l) => l.slice(name.length + 1).replace(/^\d+:\s*/, '').trim());
  return { valid: false, errors: errors.length ? errors : [`${name} fails to validate`] };
}
