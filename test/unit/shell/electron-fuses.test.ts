import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, describe, expect, it } from 'vitest';
import { applyAppFuses } from '../../../src-main/packaging/electron-fuses';

// Electron's binary carries a sentinel followed by the fuse wire: a version byte,
// a length byte and one byte per fuse ('0' off, '1' on). A file with that layout
// lets the real @electron/fuses library flip it as it would the real binary.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const WIRE_LENGTH = 9;

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function fakeElectronBinary(): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'fuses-'));
  const file = join(dir, 'electron');
  // Electron's defaults: RunAsNode, NODE_OPTIONS and --inspect on; cookie encryption and asar checks off.
  const wire = Buffer.from([1, WIRE_LENGTH, 0x31, 0x30, 0x31, 0x31, 0x30, 0x30, 0x30, 0x31, 0x31]);
  await writeFile(file, Buffer.concat([Buffer.alloc(4096, 0x41), Buffer.from(SENTINEL), wire, Buffer.alloc(4096, 0x42)]));
  return file;
}

describe('the packaging step', () => {
  it('turns off RunAsNode, NODE_OPTIONS and --inspect, turns on cookie encryption and ASAR integrity', async () => {
    const binary = await fakeElectronBinary();
    const before = await readFile(binary);
    expect(await applyAppFuses(binary)).toBe(1);
    const wire = await getCurrentFuseWire(binary);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    // Only the wire changed: the rest of the binary is byte for byte the same.
    const after = await readFile(binary);
    expect(after.length).toBe(before.length);
    const wireStart = 4096 + SENTINEL.length + 2;
    expect(after.subarray(0, wireStart).equals(before.subarray(0, wireStart))).toBe(true);
    expect(after.subarray(wireStart + WIRE_LENGTH).equals(before.subarray(wireStart + WIRE_LENGTH))).toBe(true);
  });

  it('refuses a file that is not an Electron binary', async () => {
    dir = await mkdtemp(join(tmpdir(), 'fuses-'));
    const file = join(dir, 'not-electron');
    await writeFile(file, 'just text');
    await expect(applyAppFuses(file)).rejects.toThrow(/sentinel/);
  });
});
