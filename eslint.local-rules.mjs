// Local ESLint rules for this repository.
//
// `type-import-cycle`: import-x/no-cycle never follows `import type` edges (they vanish at run
// time), so a loop such as api/help.ts → api/seniors.ts → (type) api/help.ts passes it. Such a
// loop still ties two modules together for a reader. This rule builds the whole import graph
// once per ESLint process with TypeScript's own resolver (value and type edges alike) and reports
// a type-only import whose target can reach back to the importing file. Value-only loops are
// left to import-x/no-cycle, so each loop is reported once. The graph is read from disk: in a
// long-running editor session restart the ESLint server after moving files.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const graphs = new Map(); // tsconfig path → { edges, resolve, component }

function loadGraph(tsconfigPath) {
  const cached = graphs.get(tsconfigPath);
  if (cached) return cached;
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfigPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!parsed) throw new Error(`type-import-cycle: cannot read ${tsconfigPath}`);
  const options = parsed.options;
  const host = ts.createCompilerHost(options);
  const cache = ts.createModuleResolutionCache(path.dirname(tsconfigPath), (x) => x, options);
  const files = new Set(parsed.fileNames.map((f) => path.resolve(f)));
  const resolve = (specifier, fromFile) => {
    const hit = ts.resolveModuleName(specifier, fromFile, options, host, cache).resolvedModule;
    if (!hit || hit.isExternalLibraryImport) return undefined;
    const file = path.resolve(hit.resolvedFileName);
    return files.has(file) ? file : undefined;
  };
  const edges = new Map();
  for (const file of files) {
    const out = new Set();
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, false);
    for (const ref of info.importedFiles) {
      const target = resolve(ref.fileName, file);
      if (target && target !== file) out.add(target);
    }
    edges.set(file, out);
  }
  const graph = { edges, resolve, component: stronglyConnected(edges) };
  graphs.set(tsconfigPath, graph);
  return graph;
}

/** Tarjan's algorithm, iterative: file → component id. */
function stronglyConnected(edges) {
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const component = new Map();
  let counter = 0;
  let components = 0;
  for (const start of edges.keys()) {
    if (index.has(start)) continue;
    const work = [[start, [...edges.get(start)], 0]];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const [node, next] = frame;
      if (frame[2] < next.length) {
        const w = next[frame[2]++];
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push([w, [...(edges.get(w) ?? [])], 0]);
        } else if (onStack.has(w)) {
          low.set(node, Math.min(low.get(node), index.get(w)));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(node)));
      }
      if (low.get(node) === index.get(node)) {
        let w;
        do {
          w = stack.pop();
          onStack.delete(w);
          component.set(w, components);
        } while (w !== node);
        components++;
      }
    }
  }
  return component;
}

/** The shortest path from `from` back to `to`, for the message. */
function pathBack(edges, from, to) {
  const previous = new Map([[from, undefined]]);
  const queue = [from];
  while (queue.length) {
    const node = queue.shift();
    if (node === to) break;
    for (const w of edges.get(node) ?? []) {
      if (!previous.has(w)) {
        previous.set(w, node);
        queue.push(w);
      }
    }
  }
  const route = [];
  for (let n = to; n !== undefined; n = previous.get(n)) route.unshift(n);
  return route;
}

function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specifiers = node.specifiers ?? [];
  return specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type');
}

const typeImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles that are closed by a type-only import (import-x/no-cycle does not follow those).' },
    schema: [{ type: 'object', properties: { tsconfig: { type: 'string' } }, additionalProperties: false }],
    messages: { cycle: 'Type-only import closes an import cycle: {{route}}. Move the shared type down to the module both can import.' },
  },
  create(context) {
    const root = context.cwd;
    const tsconfig = path.resolve(root, context.options[0]?.tsconfig ?? 'tsconfig.json');
    const file = path.resolve(context.filename);
    const check = (node) => {
      if (!node.source || !isTypeOnly(node)) return;
      const graph = loadGraph(tsconfig);
      const here = graph.component.get(file);
      if (here === undefined) return;
      const target = graph.resolve(node.source.value, file);
      if (!target || graph.component.get(target) !== here) return;
      const route = [file, ...pathBack(graph.edges, target, file)].map((f) => path.relative(root, f)).join(' → ');
      context.report({ node, messageId: 'cycle', data: { route } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default { meta: { name: 'local' }, rules: { 'type-import-cycle': typeImportCycle } };
