const { Worker, isMainThread } = require('node:worker_threads');
if (isMainThread) { new Worker(__filename); return; }
const { readFileSync } = require('node:fs');
const lib = require.resolve('xmllint-wasm/xmllint-node.js');
const Module = require(lib);
const compiled = new WebAssembly.Module(readFileSync(lib.replace('xmllint-node.js','xmllint.wasm')));
const dir = 'resources/memo-1.2/';
const names = ['MeMo_core.xsd','MeMo_dataTypes.xsd','MeMo_dmv.xsd','MeMo_form.xsd','MeMo_gln.xsd','MeMo_grd.xsd','MeMo_kle.xsd','MeMo_sor.xsd','MeMo_udd.xsd'];
const xsd = names.map(n => ({ fileName: n, contents: readFileSync(dir+n,'utf8') }));
const xml = readFileSync('/work/shared/reference/memo-1.2/example-minimal.xml','utf8');
const run = (args, files, pages) => new Promise((res, rej) => { let out=''; try { Module({ inputFiles: files, arguments: args, print: t=>out+=t, printErr: t=>out+=t, onExit: (c)=>res([c,out]), onAbort: (r) => rej(new Error('abort '+r)), wasmMemory: new WebAssembly.Memory({initial: pages, maximum: 32768}), instantiateWasm: (imports, ok) => { WebAssembly.instantiate(compiled, imports).then(i => ok(i)); return {}; } }); } catch (e) { rej(e); } });
(async () => {
for (const [label, args, files, pages] of [
  ['version 256p', ['--version'], [], 256],
  ['schema+1 256p', ['--noout','--schema','MeMo_core.xsd','m0.xml'], [...xsd,{fileName:'m0.xml', contents: xml}], 256],
  ['schema+8 256p', ['--noout','--schema','MeMo_core.xsd',...[0,1,2,3,4,5,6,7].map(i=>`m${i}.xml`)], [...xsd,...[0,1,2,3,4,5,6,7].map(i=>({fileName:`m${i}.xml`, contents: xml}))], 256],
  ['xml only 256p', ['--noout', 'm0.xml'], [{fileName:'m0.xml', contents: xml}], 256],
]) { const ts=[]; for (let i=0;i<6;i++){ const t=performance.now(); try { await run(args, files, pages); } catch (e) { console.log(label, e.message.slice(0,200)); break; } ts.push((performance.now()-t).toFixed(1)); } console.log(label, ts.join(' ')); }
})();
